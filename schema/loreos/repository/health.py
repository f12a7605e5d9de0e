"""What a session's health is read from: counts over its log, runs, ledger and deliveries,
and how long the oldest due reply job has waited."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import PENDING, Job

from ..models import Channel, Delivery, Event, Run, UsageEvent


async def event_span(session: AsyncSession, session_id: str) -> tuple[int, int]:
    """How many events the session has, and its highest cursor."""
    query = select(func.count(), func.coalesce(func.max(Event.cursor), 0)).where(
        Event.session_id == session_id
    )
    count, highest = (await session.execute(query)).one()
    return int(count), int(highest)


async def events_by_type(
    session: AsyncSession, session_id: str, since: datetime
) -> dict[tuple[str, str], int]:
    query = (
        select(Event.type, Event.role, func.count())
        .where(Event.session_id == session_id, Event.created_at >= since)
        .group_by(Event.type, Event.role)
    )
    return {(t, r): int(n) for t, r, n in await session.execute(query)}


async def runs_by_status(session: AsyncSession, session_id: str, since: datetime) -> dict[str, int]:
    query = (
        select(Run.status, func.count())
        .where(Run.session_id == session_id, Run.created_at >= since)
        .group_by(Run.status)
    )
    return {str(status): int(n) for status, n in await session.execute(query)}


async def oldest_generating(session: AsyncSession, session_id: str) -> datetime | None:
    query = select(func.min(Run.created_at)).where(
        Run.session_id == session_id, Run.status == "generating"
    )
    return await session.scalar(query)


async def unsettled_finished_runs(session: AsyncSession, session_id: str) -> int:
    """Finished runs whose reservation was never settled (the ledger would not reconcile)."""
    query = (
        select(func.count())
        .select_from(Run)
        .join(UsageEvent, UsageEvent.run_id == Run.id)
        .where(
            Run.session_id == session_id,
            Run.status != "generating",
            UsageEvent.status != "settled",
        )
    )
    return int(await session.scalar(query) or 0)


async def deliveries_by_status(
    session: AsyncSession, session_id: str, since: datetime
) -> dict[str, int]:
    query = (
        select(Delivery.status, func.count())
        .join(Channel, Channel.id == Delivery.channel_id)
        .where(Channel.session_id == session_id, Delivery.updated_at >= since)
        .group_by(Delivery.status)
    )
    return {str(status): int(n) for status, n in await session.execute(query)}


async def oldest_due_job(session: AsyncSession, queue: str, now: datetime) -> datetime | None:
    query = select(func.min(Job.next_attempt_at)).where(
        Job.queue == queue, Job.status == PENDING, Job.next_attempt_at <= now
    )
    return await session.scalar(query)
