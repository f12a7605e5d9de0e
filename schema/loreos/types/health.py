"""A session's health, redacted."""

from __future__ import annotations

from datetime import datetime

import strawberry

from ..service.health import Health


@strawberry.type(description="One invariant of the session and whether it holds.")
class HealthInvariant:
    key: str
    ok: bool
    detail: str


@strawberry.type(description="What happened in the session within the window.")
class HealthCounts:
    events: int
    user_messages: int
    character_messages: int
    runs_completed: int
    runs_failed: int
    runs_generating: int
    deliveries_delivered: int
    deliveries_pending: int
    deliveries_failed: int


@strawberry.type(description="Whether the reply worker keeps up.")
class WorkerHealth:
    # A run generating, or a reply job due, for more than two minutes.
    behind: bool
    oldest_generating_seconds: float | None
    oldest_due_reply_seconds: float | None


@strawberry.type(description="A session's health: invariants, window counts, the worker.")
class SessionHealth:
    session_id: str
    since: str
    window_start: datetime
    # healthy when every invariant holds, else degraded.
    status: str
    diagnosis: str
    invariants: list[HealthInvariant]
    counts: HealthCounts
    worker: WorkerHealth

    @classmethod
    def of(cls, found: Health, since: str) -> SessionHealth:
        return cls(
            session_id=found.session.id,
            since=since,
            window_start=found.window_start,
            status=found.status,
            diagnosis=found.diagnosis,
            invariants=[
                HealthInvariant(key=i.key, ok=i.ok, detail=i.detail) for i in found.invariants
            ],
            counts=HealthCounts(**found.counts),
            worker=WorkerHealth(
                behind=found.behind,
                oldest_generating_seconds=found.oldest_generating_seconds,
                oldest_due_reply_seconds=found.oldest_due_reply_seconds,
            ),
        )
