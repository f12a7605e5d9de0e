"""Characters and their versions."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Character, CharacterVersion


async def by_slug(session: AsyncSession, slug: str) -> Character | None:
    """Any app's character: slugs are unique across apps."""
    return await session.scalar(select(Character).where(Character.slug == slug))


async def owned(session: AsyncSession, app_id: str, slug: str) -> Character | None:
    query = select(Character).where(Character.slug == slug, Character.app_id == app_id)
    return await session.scalar(query)


async def by_id(session: AsyncSession, character_id: str) -> Character | None:
    return await session.get(Character, character_id)


async def version(session: AsyncSession, character_id: str, number: int) -> CharacterVersion | None:
    query = select(CharacterVersion).where(
        CharacterVersion.character_id == character_id,
        CharacterVersion.version_number == number,
    )
    return await session.scalar(query)


async def count(session: AsyncSession, app_id: str) -> int:
    query = select(func.count()).select_from(Character).where(Character.app_id == app_id)
    return int(await session.scalar(query) or 0)
