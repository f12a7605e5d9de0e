"""Insight tabs (added last; reordered by listing their ids) and feedback."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.errors import BadRequest, NotFound
from schema._shared.repository import Row

from ..models import new_id
from ..repository import feedback, tabs

TAB_NOT_FOUND = "Tab not found"
MISSING = "Missing required fields"
INVALID_IDS = "Invalid tabIds"


async def create(
    session: AsyncSession, user_id: str, name: str | None, filter: dict[str, Any] | None
) -> Row:
    if not name or filter is None:
        raise BadRequest(MISSING)
    now = utcnow()
    return await tabs.insert(
        session,
        {
            "id": new_id(),
            "user_id": user_id,
            "name": name,
            "filter": filter,
            "enabled": True,
            "position": await tabs.last_position(session, user_id) + 1,
            "created_at": now,
            "updated_at": now,
        },
    )


async def change(session: AsyncSession, user_id: str, id: str, changes: dict[str, Any]) -> Row:
    found = await tabs.update_owned(session, user_id, id, changes)
    if found is None:
        raise NotFound(TAB_NOT_FOUND)
    return found


async def delete(session: AsyncSession, user_id: str, id: str) -> None:
    if not await tabs.delete_owned(session, user_id, id):
        raise NotFound(TAB_NOT_FOUND)


async def reorder(session: AsyncSession, user_id: str, ids: list[str] | None) -> None:
    """The tabs named take the first places, in the order named; the others follow."""
    mine = {row.id for row in await tabs.ordered(session, user_id)}
    if ids is None or len(set(ids)) != len(ids) or not set(ids) <= mine:
        raise BadRequest(INVALID_IDS)
    rest = [row.id for row in await tabs.ordered(session, user_id) if row.id not in ids]
    for position, id in enumerate([*ids, *rest], start=1):
        await tabs.update_owned(session, user_id, id, {"position": position})


async def give_feedback(session: AsyncSession, user_id: str, given: dict[str, Any]) -> Row:
    return await feedback.insert(
        session,
        {
            "id": new_id(),
            "user_id": user_id,
            "content": given["content"],
            "email": given.get("email"),
            "system_info": given.get("system_info") or {},
            "created_at": utcnow(),
        },
    )
