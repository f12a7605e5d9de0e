"""The reads and writes every domain's repository repeats, for one table: `Records(Model)`.

    issues = Records(Issue)
    await issues.live(session, id)              # the record unless soft-deleted, or None
    await issues.get(session, id)               # the record even if soft-deleted, or None
    await issues.by_ids(session, ids)           # for a dataloader: the records found, any order
    await issues.page(session, limit, offset)   # live records, oldest first, and their total
    await issues.insert(session, values)        # the new record, column defaults applied
    await issues.update(session, id, changes)   # the changed record (`updated_at` stamped)
    await issues.soft_delete(session, id)       # False when no live record has the id
    await issues.delete(session, id)            # False when no record has the id

One read path: a record is a plain row, readable by attribute and by position (Strawberry types
are built from it by position: `schema/_shared/rows.py`), never an ORM object, so a caller does
not choose between two forms of the same record. Writes are statements that answer the written
row; a service changes a record by naming its changes. The table needs an `id` primary key and a
`created_at` column; a `deleted_at` column makes its records soft-deleted, and an `updated_at`
column is stamped by every update.

Reads are Core statements built once per table and run through `rows` (on PostgreSQL they go to
asyncpg directly, compiled once: `SerialSession.rows` in app/db.py). A batch's keys are one
parameter (`key_in`): an expanding IN would be rendered again on every call, and PostgreSQL
would prepare a statement for every number of keys. A table's other reads follow the same rules
in a subclass (`class Issues(Records)`): statements built once (`functools.cache`), every value
a named `bindparam` (`rows` takes them by name, so no literal `limit(1)`), run through `rows`,
`read_batch` or `read_page`. A statement built per call goes through `session.execute` instead:
`rows` keeps each statement's compiled form for the life of the process."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, TypeAlias

from sqlalchemy import (
    ARRAY,
    JSON,
    ColumnElement,
    Select,
    String,
    Table,
    any_,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy import Row as SqlRow
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.db import Base, SerialSession

# A plain row: SQLAlchemy's, or asyncpg's record read the same way (app.db.PlainRow).
Row: TypeAlias = SqlRow[*tuple[Any, ...]]


class Paged(NamedTuple):
    """A query's count, and its page with `limit` and `offset` as parameters."""

    total: Select[Any]
    page: Select[Any]


def paged(query: Select[Any]) -> Paged:
    # Counted without the order: PostgreSQL sorts a subquery that keeps its ORDER BY before
    # counting it (5.2 ms of server CPU against 1.1 ms over 10,000 issues).
    count = select(func.count()).select_from(query.order_by(None).subquery())
    return Paged(count, query.limit(bindparam("limit")).offset(bindparam("offset")))


def key_in(column: ColumnElement[Any], dialect: str) -> ColumnElement[bool]:
    """`column` among the statement's `keys` parameter, a list sent as one value."""
    if dialect == "postgresql":
        return column == any_(bindparam("keys", type_=ARRAY(String)))
    keys = func.json_each(bindparam("keys", type_=JSON)).table_valued("value")
    return column.in_(select(keys.c.value))


async def rows(session: AsyncSession, statement: Select[Any], values: dict[str, Any]) -> list[Row]:
    """A read's plain rows; `statement` is built once. Core statements skip the ORM's
    autoflush: pending ORM changes are flushed first, as they would be before an ORM read."""
    assert isinstance(session, SerialSession)
    if not session.sync_session._is_clean():  # flush's own test; `session.dirty` builds a set
        await session.flush()
    return await session.rows(statement, values)


async def read_page(
    session: AsyncSession, statements: Paged, values: dict[str, Any], limit: int, offset: int
) -> tuple[list[Row], int]:
    """One page of a query's rows, and how many there are in all."""
    total = (await rows(session, statements.total, values))[0][0]
    found = await rows(session, statements.page, {**values, "limit": limit, "offset": offset})
    return found, total


async def read_batch(
    session: AsyncSession, statement_for: Callable[[str], Select[Any]], keys: Sequence[str]
) -> list[Row]:
    """A batch read's rows: `statement_for(dialect)` builds (once) a statement taking the keys
    as its `keys` parameter."""
    return await rows(session, statement_for(dialect_of(session)), {"keys": list(keys)})


def dialect_of(session: AsyncSession) -> str:
    assert session.bind is not None
    return session.bind.dialect.name


def table_of(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def live_select(table: Table, *conditions: ColumnElement[bool]) -> Select[Any]:
    """A table's live records (not soft-deleted, if it soft-deletes) meeting `conditions`,
    oldest first."""
    columns = table.c
    live = [columns.deleted_at.is_(None)] if "deleted_at" in columns else []
    return select(*columns).where(*live, *conditions).order_by(columns.created_at, columns.id)


class Records:
    """One table's records as plain rows; see the module's docstring."""

    def __init__(self, model: type[Base]) -> None:
        self.table = table = table_of(model)
        columns = table.c
        self.stamped = "updated_at" in columns
        by_id = select(*columns).where(columns.id == bindparam("id"))
        live = [columns.deleted_at.is_(None)] if "deleted_at" in columns else []
        # The statements, built once.
        self.by_id_statement = by_id
        self.live_by_id_statement = by_id.where(*live)
        self.live_page_statements = paged(live_select(table))
        self.by_ids_statements = {
            dialect: select(*columns).where(key_in(columns.id, dialect))
            for dialect in ("postgresql", "sqlite")
        }

    async def get(self, session: AsyncSession, id: str) -> Row | None:
        found = await rows(session, self.by_id_statement, {"id": id})
        return found[0] if found else None

    async def live(self, session: AsyncSession, id: str) -> Row | None:
        found = await rows(session, self.live_by_id_statement, {"id": id})
        return found[0] if found else None

    async def by_ids(self, session: AsyncSession, ids: Sequence[str]) -> list[Row]:
        """Every record with one of the ids, soft-deleted or not."""
        statement = self.by_ids_statements[dialect_of(session)]
        return await rows(session, statement, {"keys": list(ids)})

    async def page(self, session: AsyncSession, limit: int, offset: int) -> tuple[list[Row], int]:
        return await read_page(session, self.live_page_statements, {}, limit, offset)

    async def insert(self, session: AsyncSession, values: Mapping[str, Any]) -> Row:
        statement = insert(self.table).values(dict(values)).returning(*self.table.c)
        result = await session.execute(statement)
        return result.one()

    async def update(
        self, session: AsyncSession, id: str, changes: Mapping[str, Any]
    ) -> Row | None:
        stamp = {"updated_at": utcnow()} if self.stamped else {}
        result = await session.execute(
            update(self.table)
            .where(self.table.c.id == id)
            .values({**changes, **stamp})
            .returning(*self.table.c)
        )
        return result.one_or_none()

    async def soft_delete(self, session: AsyncSession, id: str) -> bool:
        table = self.table
        deleted = await session.execute(
            update(table)
            .where(table.c.id == id, table.c.deleted_at.is_(None))
            .values(deleted_at=utcnow())
            .returning(table.c.id)
        )
        return deleted.first() is not None

    async def delete(self, session: AsyncSession, id: str) -> bool:
        deleted = await session.execute(
            delete(self.table).where(self.table.c.id == id).returning(self.table.c.id)
        )
        return deleted.first() is not None
