"""Visual readiness (can the character send images: an active identity asset, identity
anchors described as an object, and image thresholds above zero) and the character's
background features, each active or paused with the reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Character, VisualAsset
from ..repository import assets as asset_repo
from ..repository import channels as channel_repo
from ..repository import sessions as session_repo
from . import characters
from .apps import Principal
from .readiness import Check

THRESHOLDS = ("image_proactivity", "selfie_comfort", "daily_image_cap")


@dataclass(frozen=True)
class Visual:
    character: Character
    checks: list[Check]
    identity: VisualAsset | None
    assets: Sequence[VisualAsset]

    @property
    def ready(self) -> bool:
        return all(check.passed for check in self.checks)


def _positive(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def visual_checks(content: dict[str, Any], identity: VisualAsset | None) -> list[Check]:
    anchors = (content.get("profile") or {}).get("identity_anchors")
    thresholds = content.get("behavioral_thresholds") or {}
    checks = [
        Check(
            "identity_asset",
            identity is not None,
            "Upload an identity image: POST /v1/characters/{slug}/visual-assets.",
        ),
        Check(
            "profile.identity_anchors",
            isinstance(anchors, dict) and bool(anchors),
            "Describe profile.identity_anchors as an object (look, style, constants).",
        ),
    ]
    for key in THRESHOLDS:
        passed = _positive(thresholds.get(key))
        checks.append(Check(f"behavioral_thresholds.{key}", passed, f"Set {key} above 0."))
    return checks


async def readiness(session: AsyncSession, who: Principal, slug: str) -> Visual:
    found = await characters.published(session, who, slug)
    character = found.character
    identity = await asset_repo.active_identity(session, character.id)
    assets = await asset_repo.of_character(session, character.id)
    return Visual(character, visual_checks(found.version.content, identity), identity, assets)


@dataclass(frozen=True)
class Feature:
    feature: str
    active: bool
    reason: str

    @property
    def status(self) -> str:
        return "active" if self.active else "paused"


@dataclass(frozen=True)
class Features:
    slug: str
    proactive_enabled: bool
    features: list[Feature]


async def features(session: AsyncSession, who: Principal, slug: str) -> Features:
    visual = await readiness(session, who, slug)
    character_id = visual.character.id
    proactive = await session_repo.proactive_sessions(session, character_id)
    channels = await channel_repo.count_of_character(session, character_id)
    failing = [check.key for check in visual.checks if not check.passed]
    return Features(
        slug=visual.character.slug,
        proactive_enabled=proactive > 0,
        features=[
            Feature("replies", True, "Replies are written by the job worker."),
            Feature(
                "proactive_messages",
                proactive > 0,
                f"{proactive} open session(s) with proactive messages on.",
            ),
            Feature(
                "visual_identity",
                visual.ready,
                "Ready to send images." if visual.ready else "Failing: " + ", ".join(failing),
            ),
            Feature("webhook_push", channels > 0, f"{channels} webhook channel(s)."),
        ],
    )
