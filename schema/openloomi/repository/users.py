"""Users, found by id or by their (lower-cased) email."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Records, Row, rows

from ..models import User


class Users(Records):
    def __init__(self) -> None:
        super().__init__(User)
        self.by_email_statement = select(*self.table.c).where(
            self.table.c.email == bindparam("email")
        )

    async def by_email(self, session: AsyncSession, email: str) -> Row | None:
        found = await rows(session, self.by_email_statement, {"email": email})
        return found[0] if found else None


users = Users()
