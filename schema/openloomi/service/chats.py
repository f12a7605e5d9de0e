"""Chats and their messages. A chat is created by the first save of its messages, titled after
its first text; its id is the client's, and an id another user's chat holds is not found."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.errors import BadRequest, NotFound
from schema._shared.repository import Row

from .. import errors
from ..models import new_id
from ..repository import chats, messages

CHAT_NOT_FOUND = {"code": "not_found:chat"}
TITLE_LENGTH = 80
NEW_CHAT = "New chat"


async def owned(session: AsyncSession, user_id: str, id: str) -> Row:
    found = await chats.owned(session, user_id, id)
    if found is None:
        raise NotFound(errors.CHAT_NOT_FOUND, CHAT_NOT_FOUND)
    return found


async def save_messages(
    session: AsyncSession, user_id: str, chat_id: str | None, given: list[dict[str, Any]] | None
) -> bool:
    """Whether any message was saved."""
    if not chat_id:
        raise BadRequest(errors.CHAT_ID_REQUIRED)
    if given is None:
        raise BadRequest(errors.MESSAGES_REQUIRED)
    if not given:
        return False
    values = [_message(item) for item in given]
    chat = await chats.get(session, chat_id)
    if chat is None:
        now = utcnow()
        title = _title(values)
        await chats.insert(
            session,
            {
                "id": chat_id,
                "user_id": user_id,
                "title": title,
                "created_at": now,
                "updated_at": now,
            },
        )
    elif chat.user_id != user_id:
        raise NotFound(errors.CHAT_NOT_FOUND, CHAT_NOT_FOUND)
    else:
        await chats.update_owned(session, user_id, chat_id, {})
    await messages.save(session, chat_id, user_id, values)
    return True


def _message(item: dict[str, Any]) -> dict[str, Any]:
    """A message as the app sends it (`{id, role, parts, attachments, createdAt}`); a plain
    `content` text becomes its one text part."""
    parts = item.get("parts")
    if not isinstance(parts, list):
        content = item.get("content")
        parts = [{"type": "text", "text": content}] if isinstance(content, str) else []
    id, role = item.get("id"), item.get("role")
    attachments = item.get("attachments")
    return {
        "id": id if isinstance(id, str) and 0 < len(id) <= 200 else new_id(),
        "role": role if isinstance(role, str) and 0 < len(role) <= 40 else "user",
        "parts": parts,
        "attachments": attachments if isinstance(attachments, list) else [],
        "created_at": utcnow(),
    }


def _title(values: list[dict[str, Any]]) -> str:
    for message in values:
        for part in message["parts"]:
            text = part.get("text") if isinstance(part, dict) else None
            if isinstance(text, str) and text.strip():
                return text.strip()[:TITLE_LENGTH]
    return NEW_CHAT


async def history(
    session: AsyncSession,
    user_id: str,
    limit: int,
    starting_after: str | None,
    ending_before: str | None,
) -> tuple[list[Row], bool]:
    if starting_after and ending_before:
        raise BadRequest(
            "Only one of starting_after or ending_before can be provided.",
            {"code": "bad_request:api"},
        )
    after = await owned(session, user_id, starting_after) if starting_after else None
    before = await owned(session, user_id, ending_before) if ending_before else None
    found = await chats.newest(
        session, user_id, by="created_at", limit=limit + 1, after=after, before=before
    )
    if before is not None:
        return found[-limit:], len(found) > limit
    return found[:limit], len(found) > limit


async def rename(session: AsyncSession, user_id: str, id: str, changes: dict[str, Any]) -> Row:
    await owned(session, user_id, id)
    found = await chats.update_owned(session, user_id, id, changes)
    assert found is not None
    return found


async def delete(session: AsyncSession, user_id: str, id: str) -> None:
    await owned(session, user_id, id)
    await chats.delete_owned(session, user_id, id)
