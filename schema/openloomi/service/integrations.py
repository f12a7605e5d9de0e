"""Connected accounts: one per user, platform and external id (connecting again updates it),
each with the bot that speaks for it. Credentials are sealed (`sealed.py`) and never answered."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.errors import NotFound
from schema._shared.repository import Row

from .. import errors
from ..models import new_id
from ..repository import accounts, bots
from ..settings import OpenloomiSettings
from .sealed import seal


async def connect(
    session: AsyncSession, settings: OpenloomiSettings, user_id: str, given: dict[str, Any]
) -> Row:
    """The account, created or (same platform and external id) updated, with its bot."""
    now = utcnow()
    values = {
        "display_name": given["display_name"],
        "status": given.get("status") or "active",
        "metadata": given.get("metadata") or {},
        "credentials_encrypted": seal(settings, given["credentials"]),
    }
    known = await accounts.by_key(session, user_id, given["platform"], given["external_id"])
    bot_id = known.bot_id if known is not None else None
    if given.get("bot") is not None:
        bot_id = await _keep_bot(session, user_id, bot_id, given["bot"])
    values["bot_id"] = bot_id
    if known is not None:
        found = await accounts.update_owned(session, user_id, known.id, values)
        assert found is not None
        return found
    key = {"platform": given["platform"], "external_id": given["external_id"]}
    return await accounts.insert(
        session,
        {**values, **key, "id": new_id(), "user_id": user_id, "created_at": now, "updated_at": now},
    )


async def _keep_bot(
    session: AsyncSession, user_id: str, current: str | None, bot: dict[str, Any]
) -> str:
    values = {
        "name": bot["name"],
        "description": bot["description"],
        "adapter": bot["adapter"],
        "adapter_config": bot.get("adapter_config") or {},
        "enable": bool(bot.get("enable")),
    }
    for candidate in (bot.get("id"), current):
        if candidate and await bots.update_owned(session, user_id, candidate, values):
            return str(candidate)
    now = utcnow()
    row = await bots.insert(
        session,
        {**values, "id": new_id(), "user_id": user_id, "created_at": now, "updated_at": now},
    )
    return str(row.id)


async def owned(session: AsyncSession, user_id: str, id: str) -> Row:
    found = await accounts.owned(session, user_id, id)
    if found is None:
        raise NotFound(errors.ACCOUNT_NOT_FOUND)
    return found


async def change(
    session: AsyncSession,
    settings: OpenloomiSettings,
    user_id: str,
    id: str,
    given: dict[str, Any],
) -> Row:
    await owned(session, user_id, id)
    changes: dict[str, Any] = {}
    if given.get("metadata") is not None:
        changes["metadata"] = given["metadata"]
    if given.get("status") is not None:
        changes["status"] = given["status"]
    if given.get("credentials") is not None:
        changes["credentials_encrypted"] = seal(settings, given["credentials"])
    found = await accounts.update_owned(session, user_id, id, changes)
    assert found is not None
    return found


async def disconnect(session: AsyncSession, user_id: str, id: str) -> list[str]:
    """Deletes the account and its bot; the bots' ids."""
    account = await owned(session, user_id, id)
    await accounts.delete_owned(session, user_id, id)
    if account.bot_id and await bots.delete_owned(session, user_id, account.bot_id):
        return [account.bot_id]
    return []
