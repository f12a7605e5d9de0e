"""Character bundle imports."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Import


async def owned(session: AsyncSession, app_id: str, import_id: str) -> Import | None:
    query = select(Import).where(Import.id == import_id, Import.app_id == app_id)
    return await session.scalar(query)
