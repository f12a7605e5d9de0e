"""Insights: what the app extracts from messages, or a user adds by hand. Importance and urgency
are stored in the app's terms (`Important`, `Not Important`, `General`; `ASAP`, `24h`,
`Not urgent`, `General`); an update appends its details and timeline entries to the ones
kept."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.errors import BadRequest, NotFound
from schema._shared.repository import Row

from .. import errors
from ..models import new_id
from ..repository import insights as repo

IMPORTANCE = {"Important": "Important", "Not Important": "Not Important"}
URGENCY = {"As soon as possible": "ASAP", "Within 24 hours": "24h", "Not urgent": "Not urgent"}
# Kept as they are sent; `details` and `timeline` are appended to on update.
LISTS = ("groups", "categories", "people", "details", "timeline", "my_tasks")
UPDATABLE_LISTS = (
    "groups",
    "categories",
    "people",
    "insights",
    "my_tasks",
    "waiting_for_me",
    "waiting_for_others",
)
APPENDED = ("details", "timeline")
BOTH_CURSORS = "Only one of starting_after or ending_before can be provided."
# More days than this is any time (and stays within the calendar).
MOST_DAYS = 36_500


def importance(value: Any) -> str:
    return IMPORTANCE.get(value, "General") if isinstance(value, str) else "General"


def urgency(value: Any) -> str:
    if isinstance(value, str) and value in URGENCY.values():
        return value
    return URGENCY.get(value, "General") if isinstance(value, str) else "General"


async def create(session: AsyncSession, user_id: str, given: dict[str, Any]) -> Row:
    title, description = given.get("title"), given.get("description")
    if not isinstance(title, str) or not title.strip():
        raise BadRequest(errors.TITLE_REQUIRED)
    if not isinstance(description, str) or not description.strip():
        raise BadRequest(errors.DESCRIPTION_REQUIRED)
    now = utcnow()
    values: dict[str, Any] = {
        "id": new_id(),
        "user_id": user_id,
        "title": title,
        "description": description,
        "importance": importance(given.get("importance")),
        "urgency": urgency(given.get("urgency")),
        "platform": given.get("platform") or "manual",
        "created_at": now,
        "updated_at": now,
    }
    for name in LISTS:
        values[name] = list(given.get(name) or [])
    return await repo.insert(session, values)


async def owned(session: AsyncSession, user_id: str, id: str) -> Row:
    found = await repo.owned(session, user_id, id)
    if found is None:
        raise NotFound(errors.INSIGHT_NOT_FOUND)
    return found


async def update(
    session: AsyncSession, user_id: str, id: str, updates: dict[str, Any] | None
) -> Row:
    if updates is None:
        raise BadRequest(errors.UPDATES_REQUIRED)
    current = await owned(session, user_id, id)
    changes: dict[str, Any] = {}
    for name in ("title", "description"):
        if updates.get(name) is not None:
            changes[name] = updates[name]
    if updates.get("importance") is not None:
        changes["importance"] = importance(updates["importance"])
    if updates.get("urgency") is not None:
        changes["urgency"] = urgency(updates["urgency"])
    if updates.get("action_required") is not None:
        changes["action_required"] = updates["action_required"]
    for name in UPDATABLE_LISTS:
        if updates.get(name) is not None:
            changes[name] = list(updates[name])
    for name in APPENDED:
        if updates.get(name):
            changes[name] = [*getattr(current, name), *updates[name]]
    found = await repo.update_owned(session, user_id, id, changes)
    assert found is not None
    return found


async def delete(session: AsyncSession, user_id: str, id: str) -> None:
    if not await repo.delete_owned(session, user_id, id):
        raise NotFound(errors.INSIGHT_NOT_FOUND)


async def recent(
    session: AsyncSession,
    user_id: str,
    days: int,
    limit: int,
    starting_after: str | None,
    ending_before: str | None,
) -> tuple[list[Row], bool]:
    """A page of the user's insights changed within `days` (0: any time), and whether more
    follow it."""
    if starting_after and ending_before:
        raise BadRequest(BOTH_CURSORS)
    since = utcnow() - timedelta(days=days) if 0 < days <= MOST_DAYS else None
    after = await owned(session, user_id, starting_after) if starting_after else None
    before = await owned(session, user_id, ending_before) if ending_before else None
    found = await repo.newest(
        session, user_id, by="updated_at", since=since, limit=limit + 1, after=after, before=before
    )
    if before is not None:
        return found[-limit:], len(found) > limit
    return found[:limit], len(found) > limit
