"""Records that belong to an account. Another account's records do not exist for the caller:
one is read by id through its account (`owned`), and an account's are listed newest first."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Base
from schema._shared.repository import Records, Row, rows


class Owned(Records):
    def __init__(self, model: type[Base]) -> None:
        super().__init__(model)
        columns = self.table.c
        of_account = columns.account_id == bindparam("account_id")
        self.owned_statement = self.by_id_statement.where(of_account)
        self.of_account_statement = (
            select(*columns).where(of_account).order_by(columns.created_at.desc(), columns.id)
        )

    async def owned(self, session: AsyncSession, account_id: str, id: str) -> Row | None:
        found = await rows(session, self.owned_statement, {"account_id": account_id, "id": id})
        return found[0] if found else None

    async def of_account(self, session: AsyncSession, account_id: str) -> list[Row]:
        return await rows(session, self.of_account_statement, {"account_id": account_id})
