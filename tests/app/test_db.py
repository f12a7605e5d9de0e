"""Transactions behave the same on both backends."""

from __future__ import annotations

import math

from sqlalchemy import func, select

from app.db import Database, read_json
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


def test_json_columns_read_what_the_standard_serializer_wrote() -> None:
    # orjson refuses NaN and integers past 64 bits; the standard library writes them.
    value = read_json('{"ratio": NaN, "big": 123456789012345678901234567890, "tags": ["a"]}')
    assert value["big"] == 123456789012345678901234567890 and value["tags"] == ["a"]
    assert math.isnan(value["ratio"])
    assert read_json('{"n": 1.5, "s": "\\u00e9"}') == {"n": 1.5, "s": "\u00e9"}
