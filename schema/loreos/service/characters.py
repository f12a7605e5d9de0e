"""Characters: authored content published as immutable versions. Creating or patching is
idempotent on content: identical content reuses the current version, new content publishes
the next one. Slugs are unique across apps (another app's slug is a conflict)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.errors import DomainError

from .. import errors
from ..models import Character, CharacterVersion, new_id
from ..repository import characters as repo
from ..settings import LoreosSettings
from .apps import Principal
from .readiness import Readiness, readiness

# Fields a patch may not change.
CREATE_ONLY = frozenset({"slug", "inherits_style_anchors", "raw_sources"})
DEFAULT_LOCALE = "ko-KR"
MAX_BULK = 50


@dataclass(frozen=True)
class Published:
    character: Character
    version: CharacterVersion
    created_version: bool

    @property
    def readiness(self) -> Readiness:
        return readiness(self.version.content)


def content_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()


def normalised(content: dict[str, Any]) -> dict[str, Any]:
    return {"locale": DEFAULT_LOCALE, **content}


async def check_slug(session: AsyncSession, who: Principal, slug: str) -> Character | None:
    """The app's own character of that slug, if any; another app's is a conflict."""
    existing = await repo.by_slug(session, slug)
    if existing is not None and existing.app_id != who.app_id:
        raise errors.SlugTaken(f"The slug {slug!r} belongs to another app")
    return existing


async def create(
    session: AsyncSession, who: Principal, content: dict[str, Any], settings: LoreosSettings
) -> Published:
    content = normalised(content)
    existing = await check_slug(session, who, content["slug"])
    if existing is not None:
        return await _publish(session, existing, content)
    if who.is_demo:
        await _check_demo_quota(session, who, settings.demo_max_characters)
    now = utcnow()
    character = Character(
        id=new_id("char_"),
        app_id=who.app_id,
        slug=content["slug"],
        display_name=content["display_name"],
        version_number=0,
        created_at=now,
        updated_at=now,
    )
    session.add(character)
    await session.flush()
    return await _publish(session, character, content)


async def _check_demo_quota(session: AsyncSession, who: Principal, limit: int) -> None:
    if await repo.count(session, who.app_id) >= limit:
        raise errors.DemoQuotaExceeded(f"Demo keys may create at most {limit} characters")


async def patch(
    session: AsyncSession, who: Principal, slug: str, changes: dict[str, Any]
) -> Published:
    character = await get(session, who, slug)
    current = await current_version(session, character)
    content = {**current.content, **changes, "slug": character.slug}
    return await _publish(session, character, content)


async def get(session: AsyncSession, who: Principal, slug: str) -> Character:
    character = await repo.owned(session, who.app_id, slug)
    if character is None:
        raise errors.CharacterNotFound(f"No character {slug!r}")
    return character


async def get_by_id(session: AsyncSession, character_id: str) -> Character:
    found = await repo.by_id(session, character_id)
    assert found is not None  # sessions keep their character
    return found


async def current_version(session: AsyncSession, character: Character) -> CharacterVersion:
    found = await repo.version(session, character.id, character.version_number)
    assert found is not None  # every character has published its current version
    return found


async def published(session: AsyncSession, who: Principal, slug: str) -> Published:
    character = await get(session, who, slug)
    return Published(character, await current_version(session, character), False)


async def _publish(
    session: AsyncSession, character: Character, content: dict[str, Any]
) -> Published:
    digest = content_hash(content)
    if character.version_number:
        current = await current_version(session, character)
        if current.content_hash == digest:
            return Published(character, current, False)
    version = CharacterVersion(
        id=new_id("cv_"),
        character_id=character.id,
        version_number=character.version_number + 1,
        content=content,
        content_hash=digest,
        created_at=utcnow(),
    )
    session.add(version)
    character.version_number = version.version_number
    character.display_name = content["display_name"]
    character.updated_at = version.created_at
    await session.flush()
    return Published(character, version, True)


@dataclass(frozen=True)
class BulkOutcome:
    slug: str
    published: Published | None = None
    error: DomainError | None = None


async def create_many(
    session: AsyncSession, who: Principal, items: list[dict[str, Any]], settings: LoreosSettings
) -> list[BulkOutcome]:
    """Create each character in its own savepoint: one that fails (another app's slug, the
    demo quota) is reported and rolled back, and the rest go on."""
    if len(items) > MAX_BULK:
        raise errors.InvalidValue(f"Send at most {MAX_BULK} characters at once")
    outcomes = []
    for content in items:
        try:
            async with session.begin_nested():
                published = await create(session, who, content, settings)
            outcomes.append(BulkOutcome(content["slug"], published=published))
        except DomainError as refused:
            outcomes.append(BulkOutcome(content["slug"], error=refused))
    return outcomes
