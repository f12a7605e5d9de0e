"""A user's notifications in one account: listed newest first, marked read one or all."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from schema._shared.repository import Records, Row

from ..models import Notification, new_id

notifications = Records(Notification)
LISTED = 200


async def add(
    session: AsyncSession,
    user_id: str,
    account_id: str,
    type: str,
    title: str,
    body: str,
    payload: dict[str, Any],
) -> Row:
    values = {
        "id": new_id(),
        "user_id": user_id,
        "account_id": account_id,
        "type": type,
        "title": title,
        "body": body,
        "payload": payload,
        "created_at": utcnow(),
    }
    return await notifications.insert(session, values)


def _of(user_id: str, account_id: str) -> Any:
    return (Notification.user_id == user_id) & (Notification.account_id == account_id)


async def listed(
    session: AsyncSession, user_id: str, account_id: str, unread_only: bool, type: str | None
) -> list[Row]:
    query = select(*notifications.table.c).where(_of(user_id, account_id))
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    if type is not None:
        query = query.where(Notification.type == type)
    query = query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(LISTED)
    return list((await session.execute(query)).all())


async def mark_read(
    session: AsyncSession, user_id: str, account_id: str, id: str | None = None
) -> int:
    """Marks the user's unread notifications read (only `id`, when given); how many were."""
    where = _of(user_id, account_id) & Notification.read_at.is_(None)
    if id is not None:
        where = where & (Notification.id == id)
    result = await session.execute(update(Notification).where(where).values(read_at=utcnow()))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def exists(session: AsyncSession, user_id: str, account_id: str, id: str) -> bool:
    query = select(Notification.id).where(_of(user_id, account_id) & (Notification.id == id))
    return (await session.execute(query)).first() is not None
