"""Visual assets: a character's images, uploaded or fetched once from a URL, kept under
`<data_dir>/assets/<app>/` and never outside it. Only PNG, JPEG and WebP are taken, as their
bytes say (not the client's type). An identity asset is active at once (the approved anchor);
any other category is a candidate, and only once the character has an active identity. An
asset key names one asset of the character: sending it again replaces the image."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import filetype
from sqlalchemy.ext.asyncio import AsyncSession

from app import outbound
from app.clock import utcnow
from app.errors import DomainError

from .. import errors
from ..models import Character, VisualAsset, new_id
from ..repository import assets as repo
from ..settings import LoreosSettings
from . import characters
from .apps import Principal

IDENTITY = "identity"
CATEGORIES = (IDENTITY, "wardrobe", "accessory", "prop", "place", "scene", "style", "keyframe")
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
MAX_BULK = 20
CHUNK = 1024 * 1024
URL_FIELD = "source_url"


@dataclass(frozen=True)
class Meta:
    """What describes an asset, whichever way its image comes."""

    asset_key: str
    category: str
    label: str
    visual_summary: str = ""
    visual_description: str = ""
    provenance: str | None = None
    license: str | None = None


@dataclass(frozen=True)
class Image:
    content: bytes
    source: str
    source_url: str | None = None


async def upload(
    session: AsyncSession,
    who: Principal,
    settings: LoreosSettings,
    slug: str,
    meta: Meta,
    file: Any,
) -> VisualAsset:
    character = await _accepting(session, who, slug, meta)
    content = await _read(file, settings.max_asset_bytes)
    return await _store(session, settings, character, meta, Image(content, "upload"))


async def register_url(
    session: AsyncSession, who: Principal, settings: LoreosSettings, slug: str, meta: Meta, url: str
) -> VisualAsset:
    character = await _accepting(session, who, slug, meta)
    content = await _fetched(settings, url)
    return await _store(session, settings, character, meta, Image(content, "url", url))


@dataclass(frozen=True)
class BulkOutcome:
    asset_key: str
    asset: VisualAsset | None = None
    error: DomainError | None = None


async def register_many(
    session: AsyncSession,
    who: Principal,
    settings: LoreosSettings,
    slug: str,
    items: list[tuple[Meta, str]],
) -> list[BulkOutcome]:
    """Each in its own savepoint, identity items first (so the others may follow them); a
    failed item is reported and the rest go on. Outcomes are in the order processed."""
    if len(items) > MAX_BULK:
        raise errors.InvalidValue(f"Send at most {MAX_BULK} assets at once")
    await characters.get(session, who, slug)
    ordered = sorted(items, key=lambda item: item[0].category != IDENTITY)
    outcomes = []
    for meta, url in ordered:
        try:
            async with session.begin_nested():
                asset = await register_url(session, who, settings, slug, meta, url)
            outcomes.append(BulkOutcome(meta.asset_key, asset=asset))
        except DomainError as refused:
            outcomes.append(BulkOutcome(meta.asset_key, error=refused))
    return outcomes


async def _accepting(session: AsyncSession, who: Principal, slug: str, meta: Meta) -> Character:
    """The character, if it may take an asset of this category now."""
    character = await characters.get(session, who, slug)
    if meta.category not in CATEGORIES:
        raise errors.InvalidCategory(f"Unknown category {meta.category!r}")
    if meta.category != IDENTITY and await repo.active_identity(session, character.id) is None:
        raise errors.IdentityRequired("The character has no active identity asset yet")
    return character


async def _read(file: Any, most: int) -> bytes:
    if file is None or not hasattr(file, "read"):
        raise errors.ImageRejected("Send the image as the multipart field `file`")
    chunks, size = [], 0
    while chunk := await file.read(CHUNK):
        size += len(chunk)
        if size > most:
            raise errors.ImageTooLarge(f"The image is larger than {most} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _fetched(settings: LoreosSettings, url: str) -> bytes:
    try:
        await outbound.check(url, settings.allow_private_asset_urls, URL_FIELD, ("https",))
    except outbound.RefusedTarget as refused:
        raise refused.as_validation() from None
    try:
        return await outbound.fetch(
            url,
            settings.asset_fetch_seconds,
            settings.max_asset_bytes,
            URL_FIELD,
            settings.asset_fetch_ca_file,
        )
    except outbound.Unfetched as failed:
        raise errors.ImageFetchFailed(failed.message) from None


def _image_type(content: bytes) -> str:
    kind = filetype.guess(content[:8192])
    if kind is None or kind.mime not in IMAGE_TYPES:
        raise errors.ImageRejected("The file is not a PNG, JPEG or WebP image")
    return str(kind.mime)


async def _store(
    session: AsyncSession,
    settings: LoreosSettings,
    character: Character,
    meta: Meta,
    image: Image,
) -> VisualAsset:
    content_type = _image_type(image.content)
    now = utcnow()
    asset = await repo.by_key(session, character.id, meta.asset_key)
    if asset is None:
        asset = VisualAsset(
            id=new_id("va_"), app_id=character.app_id, character_id=character.id, created_at=now
        )
        session.add(asset)
    previous = asset.path
    asset.path = f"assets/{character.app_id}/{asset.id}.{IMAGE_TYPES[content_type]}"
    _write(settings, asset.path, image.content)
    if previous and previous != asset.path:
        _path(settings, previous).unlink(missing_ok=True)
    active = meta.category == IDENTITY
    for name, value in vars(meta).items():
        setattr(asset, name, value)
    asset.source, asset.source_url = image.source, image.source_url
    asset.content_type, asset.size_bytes = content_type, len(image.content)
    asset.sha256 = hashlib.sha256(image.content).hexdigest()
    asset.status = "active" if active else "candidate"
    asset.promotion = "approved_anchor" if active else "candidate"
    asset.updated_at = now
    await session.flush()
    return asset


def _path(settings: LoreosSettings, relative: str) -> Path:
    root = Path(settings.data_dir).resolve()
    target = (root / relative).resolve()
    assert root in target.parents  # ids are made here, never taken from a client
    return target


def _write(settings: LoreosSettings, relative: str, content: bytes) -> None:
    """Write the bytes whole or not at all (a temporary file renamed into place)."""
    target = _path(settings, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
    os.replace(temporary, target)


@dataclass(frozen=True)
class Stored:
    asset: VisualAsset
    content: bytes


async def image(
    session: AsyncSession, who: Principal, settings: LoreosSettings, slug: str, asset_key: str
) -> Stored:
    """An asset's image as stored."""
    character = await characters.get(session, who, slug)
    asset = await repo.by_key(session, character.id, asset_key)
    if asset is None:
        raise errors.AssetNotFound(f"No visual asset {asset_key!r} of {slug!r}")
    return Stored(asset, _path(settings, asset.path).read_bytes())


def image_path(slug: str, asset_key: str) -> str:
    """Where the image is served, relative to the API's base URL."""
    return f"/v1/characters/{quote(slug)}/visual-assets/{quote(asset_key, safe='')}/image"
