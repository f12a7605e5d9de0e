"""Records that belong to one user: read, changed and deleted only with their owner's id."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cached_property
from typing import Any

from sqlalchemy import Select, and_, bindparam, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.db import Base
from schema._shared.repository import Records, Row, rows


class Owned(Records):
    def __init__(self, model: type[Base]) -> None:
        super().__init__(model)
        columns = self.table.c
        self.owned_statement = select(*columns).where(
            columns.id == bindparam("id"), columns.user_id == bindparam("user_id")
        )

    @cached_property
    def all_statement(self) -> Select[Any]:
        columns = self.table.c
        return (
            select(*columns)
            .where(columns.user_id == bindparam("user_id"))
            .order_by(columns.created_at.desc(), columns.id.desc())
        )

    async def owned(self, session: AsyncSession, user_id: str, id: str) -> Row | None:
        found = await rows(session, self.owned_statement, {"id": id, "user_id": user_id})
        return found[0] if found else None

    async def all_of(self, session: AsyncSession, user_id: str) -> list[Row]:
        """The user's records, newest first."""
        return await rows(session, self.all_statement, {"user_id": user_id})

    async def update_owned(
        self, session: AsyncSession, user_id: str, id: str, changes: Mapping[str, Any]
    ) -> Row | None:
        table = self.table
        stamp = {"updated_at": utcnow()} if self.stamped else {}
        result = await session.execute(
            update(table)
            .where(table.c.id == id, table.c.user_id == user_id)
            .values({**changes, **stamp})
            .returning(*table.c)
        )
        return result.one_or_none()

    async def delete_owned(self, session: AsyncSession, user_id: str, id: str) -> bool:
        table = self.table
        deleted = await session.execute(
            delete(table).where(table.c.id == id, table.c.user_id == user_id).returning(table.c.id)
        )
        return deleted.first() is not None

    async def newest(
        self,
        session: AsyncSession,
        user_id: str,
        *,
        by: str,
        limit: int,
        since: datetime | None = None,
        after: Row | None = None,
        before: Row | None = None,
    ) -> list[Row]:
        """Up to `limit` of the user's records, newest by column `by` first (ties by id), from
        `since` on; past `after` (older than it), or just `before` it (newer, nearest first)."""
        columns = self.table.c
        time, id = columns[by], columns.id
        query = select(*columns).where(columns.user_id == user_id)
        if since is not None:
            query = query.where(time >= since)
        if after is not None:
            at = getattr(after, by)
            query = query.where(or_(time < at, and_(time == at, id < after.id)))
        if before is not None:
            at = getattr(before, by)
            query = query.where(or_(time > at, and_(time == at, id > before.id)))
            query = query.order_by(time, id)
        else:
            query = query.order_by(time.desc(), id.desc())
        found = list((await session.execute(query.limit(limit))).all())
        return found[::-1] if before is not None else found
