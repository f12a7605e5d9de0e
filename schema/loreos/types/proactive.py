"""A session's proactive controls and the proactive test."""

from __future__ import annotations

import strawberry

from schema._shared.constraints import nullable
from schema._shared.scalars import JSONObject


@strawberry.input(description="Overrides of the character's thresholds; null clears one.")
class ProactiveControlsInput:
    # The master gate: 0 never initiates, 1 as often as the other controls allow.
    proactivity_tolerance: float | None = nullable(minimum=0, maximum=1)
    cold_initiate_enabled: bool | None = nullable()
    session_resume_enabled: bool | None = nullable()
    cold_initiate_min_idle_minutes: int | None = nullable(minimum=5, maximum=1440)
    session_resume_min_idle_minutes: int | None = nullable(minimum=0, maximum=1440)
    session_resume_max_unanswered_character_turns: int | None = nullable(minimum=0, maximum=20)
    min_gap_between_initiate_minutes: int | None = nullable(minimum=0, maximum=1440)
    daily_initiate_cap: int | None = nullable(minimum=0, maximum=50)


@strawberry.type(description="A session's proactive controls: its overrides and what applies.")
class ProactiveControls:
    session_id: str
    proactive_enabled: bool
    # Only what this session overrides.
    overrides: JSONObject
    # Defaults, then the character's behavioral_thresholds, then the overrides.
    effective: JSONObject


@strawberry.type(description="A proactive message asked for now; it arrives as an event.")
class ProactiveTest:
    session_id: str
    accepted: bool
    run_ref: str
    # The cursor of the run's run.status generating.
    cursor: int
    reply_mode: str
