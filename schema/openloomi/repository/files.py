"""Stored files, and how many bytes a user keeps."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import rows

from ..models import StoredFile
from .owned import Owned


class Files(Owned):
    def __init__(self) -> None:
        super().__init__(StoredFile)
        columns = self.table.c
        # No literal in the statement: `rows` binds parameters by name only.
        self.used_statement = select(func.sum(columns.size_bytes).label("used")).where(
            columns.user_id == bindparam("user_id")
        )

    async def used_bytes(self, session: AsyncSession, user_id: str) -> int:
        found = (await rows(session, self.used_statement, {"user_id": user_id}))[0][0]
        return int(found or 0)


files = Files()
