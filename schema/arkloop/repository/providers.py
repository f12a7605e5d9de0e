"""LLM providers of an account and the models configured under each."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Row, key_in, read_batch, rows

from ..models import LlmProvider, LlmProviderModel
from .owned import Owned


class Providers(Owned):
    def __init__(self) -> None:
        super().__init__(LlmProvider)
        columns = self.table.c
        self.by_name_statement = select(*columns).where(
            columns.account_id == bindparam("account_id"), columns.name == bindparam("name")
        )

    async def by_name(self, session: AsyncSession, account_id: str, name: str) -> Row | None:
        found = await rows(
            session, self.by_name_statement, {"account_id": account_id, "name": name}
        )
        return found[0] if found else None

    async def delete_with_models(self, session: AsyncSession, id: str) -> None:
        await session.execute(delete(LlmProviderModel).where(LlmProviderModel.provider_id == id))
        await self.delete(session, id)


class Models(Owned):
    def __init__(self) -> None:
        super().__init__(LlmProviderModel)
        columns = self.table.c
        self.named_statement = select(*columns).where(
            columns.provider_id == bindparam("provider_id"), columns.model == bindparam("model")
        )
        # The account's models, the one to pick first first: defaults, then by priority.
        self.ranked_statement = (
            select(*columns)
            .where(columns.account_id == bindparam("account_id"))
            .order_by(columns.is_default.desc(), columns.priority.desc(), columns.created_at)
        )

    async def named(self, session: AsyncSession, provider_id: str, model: str) -> Row | None:
        values = {"provider_id": provider_id, "model": model}
        found = await rows(session, self.named_statement, values)
        return found[0] if found else None

    async def ranked(self, session: AsyncSession, account_id: str) -> list[Row]:
        return await rows(session, self.ranked_statement, {"account_id": account_id})

    async def of_providers(self, session: AsyncSession, provider_ids: Sequence[str]) -> list[Row]:
        """The providers' models, highest priority first."""
        return await read_batch(session, _of_providers, provider_ids)

    async def clear_default(self, session: AsyncSession, provider_id: str, keep: str) -> None:
        table = self.table
        await session.execute(
            table.update()
            .where(table.c.provider_id == provider_id, table.c.id != keep)
            .values(is_default=False)
        )


@cache
def _of_providers(dialect: str) -> Select[Any]:
    columns = LlmProviderModel.__table__.c
    return (
        select(*columns)
        .where(key_in(columns.provider_id, dialect))
        .order_by(columns.priority.desc(), columns.created_at, columns.id)
    )


providers = Providers()
models = Models()
