"""An account's LLM providers and the models under each. A provider's API key is sealed at rest
(`app.sealing`) and only its first characters are ever shown. Members see the account's
providers; owners and admins manage them. Other accounts' providers do not exist here."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app import outbound
from app.clock import utcnow
from app.sealing import Sealer, kept_secret
from schema._shared.repository import Row

from .. import errors
from ..models import new_id
from ..repository.providers import models, providers
from ..settings import ArkloopSettings
from .auth import Principal
from .policy import require

MANAGE = "account.manage"
KEY_PREFIX_LENGTH = 8
MODEL_DEFAULTS: dict[str, Any] = {
    "priority": 0,
    "is_default": False,
    "tags": [],
    "when": {},
    "advanced_json": {},
    "multiplier": 1.0,
}


def sealer(settings: ArkloopSettings) -> Sealer:
    secret = settings.encryption_key or kept_secret(settings.encryption_key_file)
    return Sealer(secret, "arkloop.llm_provider.api_key")


async def list_providers(session: AsyncSession, who: Principal, scope: str | None) -> list[Row]:
    if scope == "platform":  # platform-wide providers belong to platform administration
        raise errors.PolicyDenied("platform.llm_providers.read")
    return await providers.of_account(session, who.account_id)


async def get_provider(session: AsyncSession, who: Principal, id: str) -> Row:
    row = await providers.owned(session, who.account_id, id)
    if row is None:
        raise errors.LlmProviderNotFound()
    return row


async def create_provider(
    session: AsyncSession, settings: ArkloopSettings, who: Principal, given: dict[str, Any]
) -> Row:
    require(who, MANAGE)
    await _check_name(session, who, given["name"], None)
    values = _with_key(settings, _checked_url(given))
    values |= {"id": new_id(), "account_id": who.account_id, "created_at": utcnow()}
    return await providers.insert(session, values)


async def update_provider(
    session: AsyncSession,
    settings: ArkloopSettings,
    who: Principal,
    id: str,
    changes: dict[str, Any],
) -> Row:
    row = await get_provider(session, who, id)
    require(who, MANAGE)
    if "name" in changes:
        await _check_name(session, who, changes["name"], row.id)
    changes = _with_key(settings, _checked_url(changes))
    if not changes:
        return row
    updated = await providers.update(session, row.id, changes)
    assert updated is not None
    return updated


async def delete_provider(session: AsyncSession, who: Principal, id: str) -> None:
    row = await get_provider(session, who, id)
    require(who, MANAGE)
    await providers.delete_with_models(session, row.id)


async def create_model(
    session: AsyncSession, who: Principal, provider_id: str, given: dict[str, Any]
) -> Row:
    provider = await get_provider(session, who, provider_id)
    require(who, MANAGE)
    if await models.named(session, provider.id, given["model"]) is not None:
        raise errors.LlmProviderModelTaken()
    values = {**MODEL_DEFAULTS, **given}
    values |= {
        "id": new_id(),
        "account_id": provider.account_id,
        "provider_id": provider.id,
        "created_at": utcnow(),
    }
    row = await models.insert(session, values)
    if row.is_default:
        await models.clear_default(session, provider.id, keep=row.id)
    return row


async def update_model(
    session: AsyncSession, who: Principal, provider_id: str, id: str, changes: dict[str, Any]
) -> Row:
    row = await _model(session, who, provider_id, id)
    require(who, MANAGE)
    renamed = changes.get("model", row.model) != row.model
    if renamed and await models.named(session, row.provider_id, changes["model"]) is not None:
        raise errors.LlmProviderModelTaken()
    if not changes:
        return row
    updated = await models.update(session, row.id, changes)
    assert updated is not None
    if updated.is_default:
        await models.clear_default(session, row.provider_id, keep=row.id)
    return updated


async def delete_model(session: AsyncSession, who: Principal, provider_id: str, id: str) -> None:
    row = await _model(session, who, provider_id, id)
    require(who, MANAGE)
    await models.delete(session, row.id)


async def _model(session: AsyncSession, who: Principal, provider_id: str, id: str) -> Row:
    provider = await get_provider(session, who, provider_id)
    row = await models.owned(session, who.account_id, id)
    if row is None or row.provider_id != provider.id:
        raise errors.LlmProviderModelNotFound()
    return row


async def _check_name(
    session: AsyncSession, who: Principal, name: str, keep_id: str | None
) -> None:
    same = await providers.by_name(session, who.account_id, name)
    if same is not None and same.id != keep_id:
        raise errors.LlmProviderNameTaken()


def _checked_url(values: dict[str, Any]) -> dict[str, Any]:
    url = values.get("base_url")
    if url is not None:
        try:
            outbound.check_form(url, "base_url")
        except outbound.RefusedTarget as refused:
            raise errors.invalid(refused.message, reason="invalid_url", field="base_url") from None
    return values


def _with_key(settings: ArkloopSettings, values: dict[str, Any]) -> dict[str, Any]:
    """The API key sealed, its prefix kept to show; the key itself never stored."""
    if "api_key" not in values:
        return values
    values = dict(values)
    key = values.pop("api_key")
    return values | {
        "api_key_sealed": sealer(settings).seal(key),
        "key_prefix": key[:KEY_PREFIX_LENGTH],
    }
