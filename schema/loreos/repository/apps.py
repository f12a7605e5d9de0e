"""Apps and their keys."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import ApiKey, App


async def key_by_prefix(session: AsyncSession, prefix: str) -> ApiKey | None:
    return await session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))


async def app(session: AsyncSession, app_id: str) -> App | None:
    return await session.get(App, app_id)


async def app_key(session: AsyncSession, app_id: str, prefix: str) -> ApiKey | None:
    query = select(ApiKey).where(ApiKey.app_id == app_id, ApiKey.prefix == prefix)
    return await session.scalar(query)
