"""Transactions and reads behave the same on both backends."""

from __future__ import annotations

import math
from typing import Any

import pytest
from sqlalchemy import Select, func, select
from sqlalchemy.exc import StatementError

from app.db import Database, _direct_form, read_json
from app.jobs import Job, enqueue
from app.jsonvalues import STORED_DEPTH, Unwritable
from schema.loop.models import Goal, Label, Project
from schema.loop.repository import issues as issue_repository
from schema.loop.repository.issues import labels
from schema.loop.repository.projects import goals, projects

from ..nesting import nested


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


async def test_json_as_deep_as_may_be_stored_is_read_back(database: Database) -> None:
    async with database.session() as session, session.begin():
        stored = await enqueue(session, "q", nested(STORED_DEPTH))
    async with database.session() as session:
        job = await session.get(Job, stored)
        assert job is not None and job.payload == nested(STORED_DEPTH)


@pytest.mark.parametrize(
    "payload",
    [nested(STORED_DEPTH + 1), {"text": "\ud800"}, {"big": 2**64}],
    ids=["too deep", "lone surrogate", "past 64 bits"],
)
async def test_json_responses_could_not_write_is_never_committed(
    database: Database, payload: dict[str, Any]
) -> None:
    """Whatever path a value came by, the database writes JSON as responses do."""
    with pytest.raises(StatementError) as refused:
        async with database.session() as session, session.begin():
            await enqueue(session, "q", payload)
    assert isinstance(refused.value.orig, Unwritable)
    async with database.session() as session:
        assert await session.scalar(select(func.count()).select_from(Job)) == 0


async def test_reads_give_what_sqlalchemy_gives(database: Database) -> None:
    """`SerialSession.rows` sends PostgreSQL reads to asyncpg directly where SQLAlchemy has
    nothing to convert: the same rows either way, on both backends."""
    async with database.session() as session:
        project = Project(name="P", description="d", status="active", health="on_track")
        goal = Goal(title="G", target_value=2.5, current_value=1.25)
        session.add_all([project, goal, Label(name="a", color="#1"), Label(name="b", color="#2")])
        await session.flush()
        dialect = database.engine.dialect
        reads: list[tuple[Select[Any], dict[str, Any]]] = [
            (projects.by_ids_statements[dialect.name], {"keys": [project.id, "missing"]}),
            (goals.by_ids_statements[dialect.name], {"keys": [goal.id]}),
            (labels.live_page_statements.page, {"limit": 5, "offset": 0}),
            (labels.live_page_statements.total, {}),
            (
                issue_repository._filtered(("statuses",)).page,
                {"statuses": ["todo"], "limit": 1, "offset": 0},
            ),
        ]
        for statement, values in reads:
            expected = (await session.execute(statement, values)).all()
            got = await session.rows(statement, values)
            assert [tuple(row) for row in got] == [tuple(row) for row in expected]
            assert all(row._fields == expected[0]._fields for row in got)
        direct = [_direct_form(statement, dialect) is not None for statement, _ in reads]
        postgres = database.engine.dialect.name == "postgresql"
        # Goals have floats (SQLAlchemy's conversion depends on the column's database type);
        # a list of statuses is an expanding parameter, rendered per call.
        assert direct == [postgres, False, postgres, postgres, False]


async def test_direct_reads_are_counted_and_see_the_transactions_writes(
    database: Database,
) -> None:
    by_ids = labels.by_ids_statements[database.engine.dialect.name]
    with database.count_statements() as seen:
        async with database.session() as session:
            label = Label(name="fresh", color="#3")
            session.add(label)
            await session.flush()
            (row,) = await session.rows(by_ids, {"keys": [label.id]})
            assert row.name == "fresh" and row._mapping["color"] == "#3"
            with pytest.raises(AttributeError):
                _ = row.nothing
            await session.rollback()
            # The next transaction may be on another connection: it reads that one's.
            assert await session.rows(by_ids, {"keys": [label.id]}) == []
    assert sum("FROM loop_labels" in statement for statement in seen) == 2


async def test_a_connection_lost_under_a_direct_read_is_not_handed_out_again(
    database: Database,
) -> None:
    if database.engine.dialect.name != "postgresql":
        pytest.skip("direct reads are PostgreSQL's")
    by_ids = labels.by_ids_statements["postgresql"]
    async with database.session() as session:
        (pid,) = (await session.rows(select(func.pg_backend_pid()), {}))[0]
        async with database.session() as other:
            await other.execute(select(func.pg_terminate_backend(pid)))
        with pytest.raises(Exception):  # noqa: B017  # asyncpg words it several ways
            await session.rows(by_ids, {"keys": []})
    # More sessions than the pool holds: the lost connection would come round again.
    for _ in range(database.engine.pool.size() + 2):  # type: ignore[attr-defined]
        async with database.session() as session:
            assert await session.rows(by_ids, {"keys": []}) == []
