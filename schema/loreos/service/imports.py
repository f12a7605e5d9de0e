"""Character bundle imports in `authoring_only` mode: the bundle is validated and staged at
once (nothing in it needs extracting, so an import is `ready` when created), previewed (what a
commit would store, and its readiness), then committed: the character is created or given a
new version as POST /v1/characters would, and an identity image, if named, is fetched then
(a failure there is reported and does not undo the character). `hybrid` and
`transcript_migration` imports are not supported here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app import outbound
from app.clock import utcnow
from app.errors import DomainError

from .. import errors
from ..models import Import, new_id
from ..repository import characters as character_repo
from ..repository import imports as repo
from ..settings import LoreosSettings
from . import assets, characters
from .apps import Principal

AUTHORING_ONLY = "authoring_only"
MODES = (AUTHORING_ONLY, "hybrid", "transcript_migration")
EXTRACTION_MODES = ("background", "none")
READY, COMMITTED = "ready", "committed"


@dataclass(frozen=True)
class Request:
    character: dict[str, Any]
    mode: str = AUTHORING_ONLY
    extraction_mode: str = "background"
    transcript: dict[str, Any] | None = None
    identity_image_url: str | None = None


def _check(request: Request) -> None:
    if request.mode not in MODES:
        raise errors.InvalidValue(f"mode must be one of {', '.join(MODES)}")
    if request.mode != AUTHORING_ONLY:
        raise errors.ImportModeUnsupported(f"{request.mode} imports are not supported here")
    if request.transcript is not None:
        raise errors.InvalidValue("An authoring_only import takes no transcript")
    if request.extraction_mode not in EXTRACTION_MODES:
        raise errors.InvalidValue(f"extraction_mode must be one of {', '.join(EXTRACTION_MODES)}")
    if request.identity_image_url is not None:
        try:
            outbound.check_form(request.identity_image_url, "identity_image.source_url", ("https",))
        except outbound.RefusedTarget as refused:
            raise refused.as_validation() from None


async def create(session: AsyncSession, who: Principal, request: Request) -> Import:
    _check(request)
    content = characters.normalised(request.character)
    await characters.check_slug(session, who, content["slug"])
    now = utcnow()
    staged = Import(
        id=new_id("imp_"),
        app_id=who.app_id,
        mode=request.mode,
        extraction_mode=request.extraction_mode,
        status=READY,
        phase=READY,
        slug=content["slug"],
        character=content,
        identity_image=(
            {"source_url": request.identity_image_url} if request.identity_image_url else None
        ),
        completed_checkpoints=["validated", "staged"],
        last_error=None,
        commit=None,
        created_at=now,
        updated_at=now,
    )
    session.add(staged)
    await session.flush()
    return staged


async def get(session: AsyncSession, who: Principal, import_id: str) -> Import:
    found = await repo.owned(session, who.app_id, import_id)
    if found is None:
        raise errors.ImportNotFound(f"No import {import_id!r}")
    return found


@dataclass(frozen=True)
class Preview:
    staged: Import
    # create, new_version or unchanged: what a commit would do to the character.
    version_action: str
    counts: dict[str, int]


async def preview(session: AsyncSession, who: Principal, import_id: str) -> Preview:
    staged = await get(session, who, import_id)
    content = staged.character
    return Preview(staged, await _version_action(session, who, content), _counts(content))


async def _version_action(session: AsyncSession, who: Principal, content: dict[str, Any]) -> str:
    existing = await character_repo.owned(session, who.app_id, content["slug"])
    if existing is None:
        return "create"
    current = await characters.current_version(session, existing)
    same = current.content_hash == characters.content_hash(content)
    return "unchanged" if same else "new_version"


def _counts(content: dict[str, Any]) -> dict[str, int]:
    def size(key: str) -> int:
        return len(content.get(key) or [])

    return {
        "characters": 1,
        "voice_samples": size("voice_samples"),
        "onboarding_steps": size("onboarding"),
        "arc_seeds": size("arc_seeds"),
        "world_model_claims": size("world_model_seed"),
        "relational_state_rows": 1 if content.get("relationship_seed") else 0,
    }


async def commit(
    session: AsyncSession, who: Principal, settings: LoreosSettings, import_id: str
) -> Import:
    """Store the staged character (once: committing again answers the same commit)."""
    staged = await get(session, who, import_id)
    if staged.commit is not None:
        return staged
    published = await characters.create(session, who, staged.character, settings)
    image = await _identity_image(session, who, settings, staged)
    staged.commit = {
        "character_id": published.character.id,
        "slug": published.character.slug,
        "version_number": published.version.version_number,
        "version_created": published.created_version,
        # authoring_only opens no session: start one with POST /v1/sessions.
        "session_id": None,
        "identity_image": image,
    }
    staged.status = staged.phase = COMMITTED
    staged.completed_checkpoints = [*staged.completed_checkpoints, COMMITTED]
    staged.updated_at = utcnow()
    await session.flush()
    return staged


async def _identity_image(
    session: AsyncSession, who: Principal, settings: LoreosSettings, staged: Import
) -> dict[str, Any] | None:
    if staged.identity_image is None:
        return None
    url = str(staged.identity_image["source_url"])
    meta = assets.Meta(asset_key="identity", category=assets.IDENTITY, label="Identity")
    try:
        async with session.begin_nested():
            asset = await assets.register_url(session, who, settings, staged.slug, meta, url)
    except DomainError as failed:
        # A safe error: what went wrong, not what the server saw of the target.
        return {"status": "error", "code": errors.code_of(failed), "message": failed.message}
    return {"status": "ok", "asset_id": asset.id, "asset_key": asset.asset_key}
