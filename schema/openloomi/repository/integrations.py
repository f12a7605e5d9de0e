"""Integration accounts and their bots, contacts, and messages sent through bots."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Records, Row, rows

from ..models import Bot, Contact, IntegrationAccount, OutgoingMessage
from .owned import Owned


class Accounts(Owned):
    def __init__(self) -> None:
        super().__init__(IntegrationAccount)
        columns = self.table.c
        self.by_key_statement = select(*columns).where(
            columns.user_id == bindparam("user_id"),
            columns.platform == bindparam("platform"),
            columns.external_id == bindparam("external_id"),
        )

    async def by_key(
        self, session: AsyncSession, user_id: str, platform: str, external_id: str
    ) -> Row | None:
        values = {"user_id": user_id, "platform": platform, "external_id": external_id}
        found = await rows(session, self.by_key_statement, values)
        return found[0] if found else None


class Contacts(Owned):
    def __init__(self) -> None:
        super().__init__(Contact)

    async def search(
        self, session: AsyncSession, user_id: str, name: str | None, limit: int, offset: int
    ) -> tuple[list[Row], int]:
        """The user's contacts whose name holds `name` (any case), by name."""
        columns = self.table.c
        query = select(*columns).where(columns.user_id == user_id)
        if name:
            query = query.where(func.lower(columns.name).contains(name.lower(), autoescape=True))
        total = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar()
        page = query.order_by(columns.name, columns.id).limit(limit).offset(offset)
        return list((await session.execute(page)).all()), int(total or 0)


accounts = Accounts()
bots = Owned(Bot)
contacts = Contacts()
outgoing = Records(OutgoingMessage)
