"""Runs and their events. Appending an event takes the next sequence number from the run row
with one UPDATE, which also locks the row until commit: events of one run commit in sequence
order, so a reader that has seen `seq` N never misses an earlier one later."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Run, RunEvent, Thread


@dataclass(frozen=True)
class RunFilter:
    account_id: str
    limit: int
    status: str | None = None
    thread_id: str | None = None
    before: tuple[datetime, str] | None = None


async def run(session: AsyncSession, account_id: str, id: str) -> Run | None:
    query = select(Run).where(Run.account_id == account_id, Run.id == id)
    return (await session.scalars(query)).first()


async def run_by_id(session: AsyncSession, id: str) -> Run | None:
    return await session.get(Run, id)


async def runs(session: AsyncSession, where: RunFilter) -> Sequence[Run]:
    query = select(Run).where(Run.account_id == where.account_id)
    if where.thread_id is not None:
        query = query.where(Run.thread_id == where.thread_id)
    if where.status is not None:
        query = query.where(Run.status == where.status)
    if where.before is not None:
        at, id = where.before
        query = query.where((Run.created_at < at) | ((Run.created_at == at) & (Run.id < id)))
    ordered = query.order_by(Run.created_at.desc(), Run.id.desc()).limit(where.limit)
    return (await session.scalars(ordered)).all()


async def next_seq(session: AsyncSession, run_id: str) -> int:
    result = await session.execute(
        update(Run)
        .where(Run.id == run_id)
        .values(last_seq=Run.last_seq + 1)
        .returning(Run.last_seq)
    )
    return int(result.scalar_one())


async def events_after(
    session: AsyncSession, run_id: str, after_seq: int, limit: int
) -> Sequence[RunEvent]:
    query = (
        select(RunEvent)
        .where(RunEvent.run_id == run_id, RunEvent.seq > after_seq)
        .order_by(RunEvent.seq)
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def has_event(session: AsyncSession, run_id: str, type: str) -> bool:
    query = select(RunEvent.id).where(RunEvent.run_id == run_id, RunEvent.type == type)
    return (await session.scalar(query.limit(1))) is not None


async def take_thread(
    session: AsyncSession, thread_id: str, seen: str | None, run_id: str, now: datetime
) -> bool:
    """Make `run_id` the thread's active run if its active run is still the one `seen`: a
    compare-and-set, so of two concurrent runs on one thread only one wins."""
    current = Thread.active_run_id.is_(None) if seen is None else Thread.active_run_id == seen
    taken = await session.scalar(
        update(Thread)
        .where(Thread.id == thread_id, current)
        .values(active_run_id=run_id, updated_at=now)
        .returning(Thread.id)
        .execution_options(synchronize_session="fetch")
    )
    return taken is not None


async def clear_active_run(session: AsyncSession, thread_id: str, run_id: str) -> None:
    await session.execute(
        update(Thread)
        .where(Thread.id == thread_id, Thread.active_run_id == run_id)
        .values(active_run_id=None)
    )


async def usage(
    session: AsyncSession, account_id: str, start: datetime, end: datetime
) -> tuple[int, int, int, float]:
    """Input tokens, output tokens, runs and cost (USD) of the account's runs started in
    [start, end)."""
    query = select(
        func.coalesce(func.sum(Run.total_input_tokens), 0),
        func.coalesce(func.sum(Run.total_output_tokens), 0),
        func.count(Run.id),
        func.sum(Run.total_cost_usd),
    ).where(Run.account_id == account_id, Run.created_at >= start, Run.created_at < end)
    row = (await session.execute(query)).one()
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0), float(row[3] or 0.0)


@dataclass(frozen=True)
class UsageGroup:
    """The runs of one day or one model: tokens, cost (USD) and how many."""

    key: str
    input_tokens: int
    output_tokens: int
    cost_usd: float
    record_count: int


async def usage_by(
    session: AsyncSession, account_id: str, start: datetime, end: datetime, by: str
) -> list[UsageGroup]:
    """The account's runs started in [start, end), grouped `by` day (UTC) or model."""
    key = func.date(Run.created_at) if by == "day" else func.coalesce(Run.model, "default")
    query = (
        select(
            key.label("key"),
            func.coalesce(func.sum(Run.total_input_tokens), 0),
            func.coalesce(func.sum(Run.total_output_tokens), 0),
            func.sum(Run.total_cost_usd),
            func.count(Run.id),
        )
        .where(Run.account_id == account_id, Run.created_at >= start, Run.created_at < end)
        .group_by(key)
        .order_by(key)
    )
    return [
        UsageGroup(
            str(row[0])[:10] if by == "day" else str(row[0]),
            int(row[1]),
            int(row[2]),
            float(row[3] or 0.0),
            int(row[4]),
        )
        for row in (await session.execute(query)).all()
    ]
