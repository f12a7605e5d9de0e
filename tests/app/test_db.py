"""Transactions behave the same on both backends."""

from __future__ import annotations

from sqlalchemy import func, select

from app.db import Database
from schema.loop.models import Label


async def test_a_released_savepoint_still_rolls_back_with_its_transaction(
    database: Database,
) -> None:
    async with database.session() as session:
        await session.scalar(select(func.count()).select_from(Label))  # a read opens it
        async with session.begin_nested():
            session.add(Label(name="inner", color="#0"))
        await session.rollback()
    async with database.session() as session:
        assert await session.scalar(select(func.count()).select_from(Label)) == 0


async def test_statements_are_counted(database: Database) -> None:
    with database.count_statements() as seen:
        async with database.session() as session:
            await session.scalar(select(func.count()).select_from(Label))
    assert any("count" in statement.lower() for statement in seen)
