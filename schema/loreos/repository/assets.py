"""Characters' visual assets."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import VisualAsset


async def by_key(session: AsyncSession, character_id: str, asset_key: str) -> VisualAsset | None:
    query = select(VisualAsset).where(
        VisualAsset.character_id == character_id, VisualAsset.asset_key == asset_key
    )
    return await session.scalar(query)


async def active_identity(session: AsyncSession, character_id: str) -> VisualAsset | None:
    query = select(VisualAsset).where(
        VisualAsset.character_id == character_id,
        VisualAsset.category == "identity",
        VisualAsset.status == "active",
    )
    return await session.scalar(query.order_by(VisualAsset.updated_at.desc()).limit(1))


async def of_character(session: AsyncSession, character_id: str) -> Sequence[VisualAsset]:
    query = select(VisualAsset).where(VisualAsset.character_id == character_id)
    return (await session.scalars(query.order_by(VisualAsset.created_at))).all()
