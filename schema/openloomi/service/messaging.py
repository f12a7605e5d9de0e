"""Messages sent through a user's bots, and the people they talk to. No platform sender runs in
this deployment: a message is recorded as `undelivered`, and the answer says it was skipped, as
the app answers when a bot cannot send (200, `success: false`)."""

from __future__ import annotations

from math import ceil
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.errors import BadRequest, NotFound
from schema._shared.repository import Row

from .. import errors
from ..models import new_id
from ..repository import bots, contacts, outgoing


async def send(session: AsyncSession, user_id: str, given: dict[str, Any]) -> dict[str, Any]:
    recipients = [r for r in given.get("recipients") or [] if r.strip()]
    message = given.get("message") or ""
    if not given.get("bot_id"):
        raise BadRequest(errors.BOT_ID_REQUIRED)
    if not recipients:
        raise BadRequest(errors.RECIPIENT_REQUIRED)
    if not message.strip():
        raise BadRequest(errors.MESSAGE_REQUIRED)
    bot = await bots.owned(session, user_id, given["bot_id"])
    if bot is None:
        raise NotFound(errors.BOT_NOT_FOUND)
    await outgoing.insert(
        session,
        {
            "id": new_id(),
            "user_id": user_id,
            "bot_id": bot.id,
            "recipients": recipients,
            "cc": list(given.get("cc") or []),
            "bcc": list(given.get("bcc") or []),
            "message": message,
            "message_html": given.get("message_html"),
            "status": "undelivered",
            "created_at": utcnow(),
        },
    )
    return {
        "success": False,
        "skipped": True,
        "recipients": recipients,
        "message": f"Not sent: no {bot.adapter} sender runs in this deployment",
    }


async def contact_page(
    session: AsyncSession, user_id: str, name: str | None, page: int, page_size: int
) -> tuple[list[Row], dict[str, Any]]:
    found, total = await contacts.search(session, user_id, name, page_size, (page - 1) * page_size)
    pages = ceil(total / page_size)
    return found, {
        "page": page,
        "page_size": page_size,
        "total_count": total,
        "total_pages": pages,
        "has_more": page < pages,
        "has_previous": page > 1,
    }
