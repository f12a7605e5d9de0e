"""A session's health, redacted (counts and verdicts, no content): its invariants (cursors
gap-free, finished runs settled, no run stuck generating, no failed delivery), what happened
in the window (`since`, e.g. `6h`, `30m`, `2d`), and whether the reply worker is behind. A run
generating, or a reply job due, for longer than `STALL_SECONDS` means the worker is behind."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow

from .. import errors
from ..models import Session, as_utc
from ..repository import health as repo
from .apps import Principal
from .sessions import REPLY_QUEUE, get_session

STALL_SECONDS = 120
WINDOW = re.compile(r"(\d{1,6})([smhd])")
UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
LONGEST = timedelta(days=90)


def window(since: str) -> timedelta:
    """`6h` and the like as a span; anything else, or more than 90 days, is 422."""
    found = WINDOW.fullmatch(since.strip())
    span = timedelta(**{UNITS[found[2]]: int(found[1])}) if found else None
    if span is None or span > LONGEST:
        raise errors.InvalidValue(
            f"since must be a span like 30m, 6h or 2d (at most 90 days), not {since!r}",
            fix="Send since as a number and a unit: s, m, h or d.",
        )
    return span


@dataclass(frozen=True)
class Invariant:
    key: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class Health:
    session: Session
    window_start: datetime
    invariants: list[Invariant]
    counts: dict[str, int]
    oldest_generating_seconds: float | None
    oldest_due_reply_seconds: float | None

    @property
    def behind(self) -> bool:
        waits = (self.oldest_generating_seconds, self.oldest_due_reply_seconds)
        return any(wait is not None and wait > STALL_SECONDS for wait in waits)

    @property
    def status(self) -> str:
        return "healthy" if all(i.ok for i in self.invariants) else "degraded"

    @property
    def diagnosis(self) -> str:
        failing = [i.detail for i in self.invariants if not i.ok]
        return "; ".join(failing) or "All invariants hold."


def _age(at: datetime | None, now: datetime) -> float | None:
    return round((now - as_utc(at)).total_seconds(), 3) if at is not None else None


async def health(session: AsyncSession, who: Principal, session_id: str, since: str) -> Health:
    span = window(since)
    opened = await get_session(session, who, session_id)
    now = utcnow()
    start = now - span
    count, highest = await repo.event_span(session, opened.id)
    events = await repo.events_by_type(session, opened.id, start)
    runs = await repo.runs_by_status(session, opened.id, start)
    deliveries = await repo.deliveries_by_status(session, opened.id, start)
    generating = _age(await repo.oldest_generating(session, opened.id), now)
    due = _age(await repo.oldest_due_job(session, REPLY_QUEUE, now), now)
    unsettled = await repo.unsettled_finished_runs(session, opened.id)
    gap_free = count == highest == opened.last_cursor
    stuck = generating is not None and generating > STALL_SECONDS
    invariants = [
        Invariant("cursors_gap_free", gap_free, f"{count} events up to cursor {highest}"),
        Invariant("runs_settled", unsettled == 0, f"{unsettled} finished run(s) unsettled"),
        Invariant(
            "no_stuck_runs",
            not stuck,
            f"a run has been generating for {generating} s" if stuck else "no run is stuck",
        ),
        Invariant(
            "deliveries_ok",
            not deliveries.get("failed"),
            f"{deliveries.get('failed', 0)} webhook delivery(ies) failed in the window",
        ),
    ]
    counts = {
        "events": sum(events.values()),
        "user_messages": events.get(("message.created", "user"), 0),
        "character_messages": events.get(("message.created", "character"), 0),
        "runs_completed": runs.get("completed", 0),
        "runs_failed": runs.get("failed", 0),
        "runs_generating": runs.get("generating", 0),
        "deliveries_delivered": deliveries.get("delivered", 0),
        "deliveries_pending": deliveries.get("pending", 0) + deliveries.get("retrying", 0),
        "deliveries_failed": deliveries.get("failed", 0),
    }
    return Health(opened, start, invariants, counts, generating, due)
