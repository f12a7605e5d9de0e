"""Insight tabs, in their order, and feedback."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Records, Row, rows

from ..models import Feedback, InsightTab
from .owned import Owned


class Tabs(Owned):
    def __init__(self) -> None:
        super().__init__(InsightTab)
        columns = self.table.c
        mine = columns.user_id == bindparam("user_id")
        self.ordered_statement = select(*columns).where(mine).order_by(columns.position, columns.id)
        self.last_statement = select(func.max(columns.position).label("last")).where(mine)

    async def ordered(self, session: AsyncSession, user_id: str) -> list[Row]:
        return await rows(session, self.ordered_statement, {"user_id": user_id})

    async def last_position(self, session: AsyncSession, user_id: str) -> int:
        found = (await rows(session, self.last_statement, {"user_id": user_id}))[0][0]
        return int(found or 0)


tabs = Tabs()
feedback = Records(Feedback)
