"""The usage ledger."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import UsageEvent


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
