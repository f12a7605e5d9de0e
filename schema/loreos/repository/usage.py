"""The usage ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Event, Run, UsageEvent


async def spent(session: AsyncSession, app_id: str, ref: str | None = None) -> float:
    """Credits reserved or settled for the app (or one of its end-users)."""
    query = select(func.coalesce(func.sum(UsageEvent.credits), 0.0)).where(
        UsageEvent.app_id == app_id
    )
    if ref is not None:
        query = query.where(UsageEvent.external_user_ref == ref)
    return float(await session.scalar(query) or 0.0)


async def for_run(session: AsyncSession, run_id: str) -> UsageEvent | None:
    return await session.scalar(select(UsageEvent).where(UsageEvent.run_id == run_id))


GROUPS = {
    "resource_type": UsageEvent.resource_type,
    "model": UsageEvent.model,
    "provider": UsageEvent.provider,
    "character": UsageEvent.character_slug,
    "session": UsageEvent.session_id,
    "external_user": UsageEvent.external_user_ref,
}


async def rollup(session: AsyncSession, app_id: str, group_by: str) -> list[tuple[str, float, int]]:
    """`(key, credits, events)` per group, largest spend first."""
    column = GROUPS[group_by]
    query = (
        select(column, func.sum(UsageEvent.credits), func.count())
        .where(UsageEvent.app_id == app_id)
        .group_by(column)
        .order_by(func.sum(UsageEvent.credits).desc(), column)
    )
    return [(str(key), float(credits), int(n)) for key, credits, n in await session.execute(query)]


async def totals(session: AsyncSession, app_id: str) -> dict[str, float]:
    """Credits by ledger status (reserved, settled)."""
    query = (
        select(UsageEvent.status, func.sum(UsageEvent.credits))
        .where(UsageEvent.app_id == app_id)
        .group_by(UsageEvent.status)
    )
    return {str(status): float(credits) for status, credits in await session.execute(query)}


@dataclass(frozen=True)
class CostFilter:
    app_id: str
    since: datetime | None = None
    until: datetime | None = None
    external_user_ref: str | None = None
    character_slug: str | None = None
    session_id: str | None = None

    def where(self) -> list[ColumnElement[bool]]:
        clauses = [UsageEvent.app_id == self.app_id]
        if self.since is not None:
            clauses.append(UsageEvent.created_at >= self.since)
        if self.until is not None:
            clauses.append(UsageEvent.created_at < self.until)
        for column, value in (
            (UsageEvent.external_user_ref, self.external_user_ref),
            (UsageEvent.character_slug, self.character_slug),
            (UsageEvent.session_id, self.session_id),
        ):
            if value is not None:
                clauses.append(column == value)
        return clauses


PAIR = (UsageEvent.external_user_ref, UsageEvent.character_slug)


async def pairs(
    session: AsyncSession, where: CostFilter, by_character: bool, limit: int
) -> list[tuple[str, str, float, int, datetime]]:
    """`(external_user_ref, character_slug, credits, messages, last_at)` per pair, ordered by
    the end-user (or the character) first, then the larger spend."""
    first, second = reversed(PAIR) if by_character else PAIR
    total = func.sum(UsageEvent.credits)
    query = (
        select(*PAIR, total, func.count(), func.max(UsageEvent.created_at))
        .where(*where.where())
        .group_by(*PAIR)
        .order_by(first, total.desc(), second)
        .limit(limit)
    )
    return [
        (str(ref), str(slug), float(credits), int(n), last)
        for ref, slug, credits, n, last in await session.execute(query)
    ]


async def recent_messages(
    session: AsyncSession, where: CostFilter, chosen: list[tuple[str, str]], per_pair: int
) -> list[tuple[UsageEvent, Run, Event | None]]:
    """The latest `per_pair` metered messages of each chosen pair, newest first, with the
    run and the user's message."""
    if not chosen or per_pair == 0:
        return []
    turn = func.row_number().over(partition_by=PAIR, order_by=UsageEvent.created_at.desc())
    ranked = (
        select(UsageEvent.id, turn.label("turn"))
        .where(*where.where(), tuple_(*PAIR).in_(chosen))
        .subquery()
    )
    query = (
        select(UsageEvent, Run, Event)
        .join(ranked, ranked.c.id == UsageEvent.id)
        .join(Run, Run.id == UsageEvent.run_id)
        .outerjoin(Event, (Event.session_id == Run.session_id) & (Event.cursor == Run.cursor))
        .where(ranked.c.turn <= per_pair)
        .order_by(UsageEvent.created_at.desc())
    )
    return [(usage, run, event) for usage, run, event in await session.execute(query)]
