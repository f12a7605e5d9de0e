"""A user's insights, most recently changed first, within a time window and after (or before)
a cursor insight."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Row

from ..models import Insight
from .owned import Owned


class Insights(Owned):
    def __init__(self) -> None:
        super().__init__(Insight)

    async def recent(
        self,
        session: AsyncSession,
        user_id: str,
        *,
        since: datetime | None,
        limit: int,
        after: Row | None = None,
        before: Row | None = None,
    ) -> list[Row]:
        """Up to `limit` of the user's insights changed since `since` (None: ever), newest
        first; past `after` (older than it), or `before` (newer than it, nearest first)."""
        columns = self.table.c
        query = select(*columns).where(columns.user_id == user_id)
        if since is not None:
            query = query.where(columns.updated_at >= since)
        key = (columns.updated_at, columns.id)
        if after is not None:
            query = query.where(_beyond(key, (after.updated_at, after.id), older=True))
        if before is not None:
            query = query.where(_beyond(key, (before.updated_at, before.id), older=False))
            query = query.order_by(columns.updated_at, columns.id)
        else:
            query = query.order_by(columns.updated_at.desc(), columns.id.desc())
        found = list((await session.execute(query.limit(limit))).all())
        return found[::-1] if before is not None else found


def _beyond(key: tuple[Any, Any], cursor: tuple[Any, Any], *, older: bool) -> Any:
    (time, id), (at, cursor_id) = key, cursor
    if older:
        return or_(time < at, and_(time == at, id < cursor_id))
    return or_(time > at, and_(time == at, id > cursor_id))


insights = Insights()
