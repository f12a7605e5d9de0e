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
