"""A session's trace: its latest events, newest first, each with what its webhook deliveries
came to and the settled credits of its turn (null while the reply is still being written)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Delivery, Event
from ..repository import channels as channel_repo
from ..repository import sessions as repo
from .apps import Principal
from .sessions import get_session


@dataclass(frozen=True)
class Traced:
    event: Event
    deliveries: list[Delivery]
    usage_credits: float | None


async def trace(session: AsyncSession, who: Principal, session_id: str, limit: int) -> list[Traced]:
    opened = await get_session(session, who, session_id)
    events = await repo.latest_events(session, opened.id, limit)
    by_event: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in await channel_repo.of_events(session, [e.id for e in events]):
        by_event[delivery.event_id].append(delivery)
    run_ids = sorted({e.run_ref for e in events if e.run_ref})
    settled = {run.id: run.settled_credits for run in await repo.runs_by_id(session, run_ids)}
    return [
        Traced(event, by_event[event.id], settled.get(event.run_ref) if event.run_ref else None)
        for event in events
    ]
