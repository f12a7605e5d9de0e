"""Engine and sessions for SQLite (aiosqlite, the embedded default) or PostgreSQL (asyncpg)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import asyncpg
import orjson
from sqlalchemy import Select, event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, SessionTransaction
from sqlalchemy.types import TypeEngine

from .errors import Busy
from .jsonvalues import stored


class Base(DeclarativeBase):
    """The one metadata every domain's tables are declared on (names prefixed by the slug)."""


class SerialSession(AsyncSession):
    """An AsyncSession that queues concurrent awaits instead of failing on them (GraphQL resolves
    sibling fields and dataloader batches concurrently, all on the request's one session), and
    reports SQLite's lock contention as a typed, retryable error rather than a crash."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock = asyncio.Lock()
        # The connection of the transaction direct reads last used: asking the session for it
        # again costs a greenlet switch.
        self._bound: tuple[SessionTransaction | None, AsyncConnection | None] = (None, None)

    @asynccontextmanager
    async def _serially(self) -> AsyncIterator[None]:
        async with self._lock:
            try:
                yield
            except OperationalError as error:
                # SQLite refuses a write whose transaction read a snapshot another writer has
                # since changed; the client can simply retry.
                if "database is locked" in str(error.orig):
                    raise Busy("The database is busy; retry the request") from error
                raise

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        async with self._serially():
            return await super().execute(*args, **kwargs)

    async def rows(self, statement: Select[Any], values: dict[str, Any]) -> list[Any]:
        """A read's rows, readable by position and by name as attributes. On PostgreSQL a
        statement SQLAlchemy has nothing to convert in goes to asyncpg as it was compiled once:
        on small reads SQLAlchemy's execution and its rows cost about as much as the driver's
        own work. Anything else, and every statement of an echoing engine, goes through
        SQLAlchemy. Either way the engine's `before_cursor_execute` listeners see it."""
        engine = self.bind
        assert isinstance(engine, AsyncEngine)
        direct = None if engine.echo else _direct_form(statement, engine.dialect)
        if direct is None:
            return list((await self.execute(statement, values)).all())
        async with self._lock:  # `_serially`'s SQLite error does not arise: this is PostgreSQL
            connection = await self._transaction_connection()
            synced = connection.sync_connection
            assert synced is not None
            arguments = [bind(values[name]) for name, bind in direct.parameters]
            if announce := synced.dispatch.before_cursor_execute:
                announce(synced, None, direct.sql, arguments, None, False)
            driver = synced.connection.driver_connection
            assert driver is not None
            try:
                rows: list[PlainRow] = await driver.fetch(
                    direct.sql, *arguments, record_class=PlainRow
                )
            except Exception as error:
                # Not a statement the server refused: the connection failed, and SQLAlchemy,
                # which did not see it, must not hand it out again.
                if driver.is_closed() or not isinstance(error, asyncpg.PostgresError):
                    await connection.invalidate()
                raise
            return rows

    async def _transaction_connection(self) -> AsyncConnection:
        transaction, connection = self._bound
        if connection is None or transaction is not self.sync_session.get_transaction():
            connection = await self.connection()
            self._bound = (self.sync_session.get_transaction(), connection)
        return connection

    async def scalar(self, *args: Any, **kwargs: Any) -> Any:
        async with self._serially():
            return await super().scalar(*args, **kwargs)

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        async with self._serially():
            return await super().get(*args, **kwargs)

    async def flush(self, objects: Sequence[Any] | None = None) -> None:
        async with self._serially():
            await super().flush(objects)

    async def delete(self, instance: object) -> None:
        async with self._serially():
            await super().delete(instance)


class Database:
    def __init__(
        self, url: str, *, echo: bool = False, pool_size: int = 5, max_overflow: int = 10
    ) -> None:
        self.url = url
        self.engine: AsyncEngine = _create_engine(url, echo, pool_size, max_overflow)
        self.sessionmaker = async_sessionmaker(
            self.engine, class_=SerialSession, expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> SerialSession:
        return self.sessionmaker()

    @contextmanager
    def count_statements(self) -> Iterator[list[str]]:
        """Collect every SQL statement sent while the block runs (tests and benchmarks)."""
        seen: list[str] = []

        def record(*args: Any) -> None:
            seen.append(args[2])

        event.listen(self.engine.sync_engine, "before_cursor_execute", record)
        try:
            yield seen
        finally:
            event.remove(self.engine.sync_engine, "before_cursor_execute", record)

    async def dispose(self) -> None:
        await self.engine.dispose()


class PlainRow(asyncpg.Record):  # type: ignore[misc]  # asyncpg ships no types
    """asyncpg's record read as SQLAlchemy's rows are: by position, by name as an attribute,
    with `_fields` and `_mapping`."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def _fields(self) -> tuple[str, ...]:
        return tuple(self.keys())

    @property
    def _mapping(self) -> dict[str, Any]:
        return dict(self.items())


class DirectForm(NamedTuple):
    sql: str
    # In order: each parameter's name and SQLAlchemy's conversion of its value.
    parameters: list[tuple[str, Callable[[Any], Any]]]


_DIRECT_FORMS: dict[tuple[int, str], tuple[Select[Any], DirectForm | None]] = {}


def _direct_form(statement: Select[Any], dialect: Dialect) -> DirectForm | None:
    """The statement as asyncpg takes it, compiled once (read statements are built once and
    live as long as the process); None where SQLAlchemy would have to render it per call
    (expanding parameters) or convert what it returns."""
    key = (id(statement), dialect.name)
    found = _DIRECT_FORMS.get(key)
    if found is None:
        found = _DIRECT_FORMS[key] = (statement, _compile_direct(statement, dialect))
    return found[1]


def _compile_direct(statement: Select[Any], dialect: Dialect) -> DirectForm | None:
    if dialect.driver != "asyncpg":
        return None
    compiled = statement.compile(dialect=dialect)
    if compiled.post_compile_params or compiled.positiontup is None:
        return None
    if any(_converts(column.type, dialect) for column in statement.selected_columns):
        return None
    parameters: list[tuple[str, Callable[[Any], Any]]] = []
    for name in compiled.positiontup:
        bind = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        parameters.append((name, bind or _unchanged))
    return DirectForm(compiled.string, parameters)


def _converts(type_: TypeEngine[Any], dialect: Dialect) -> bool:
    """Whether SQLAlchemy converts the driver's values of this type. A conversion that depends
    on the column's type in the database (numerics) cannot be asked about without one."""
    try:
        return type_.dialect_impl(dialect).result_processor(dialect, None) is not None
    except TypeError:
        return True


def _unchanged(value: Any) -> Any:
    return value


def read_json(text: str) -> Any:
    """JSON columns as orjson reads them, or as the standard library does what orjson refuses
    (NaN, integers past 64 bits), which rows written by the standard library's writer, used
    before, may hold."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _create_engine(url: str, echo: bool, pool_size: int, max_overflow: int) -> AsyncEngine:
    parsed = make_url(url)
    # JSON is written as responses write it: a value they could not write is never stored.
    options: dict[str, Any] = {
        "echo": echo,
        "json_serializer": stored,
        "json_deserializer": read_json,
    }
    if parsed.get_backend_name() != "sqlite":
        # No pre-ping: it costs a round trip on every request. A connection the server has
        # dropped fails its statement instead, and SQLAlchemy then renews the whole pool.
        return create_async_engine(url, pool_size=pool_size, max_overflow=max_overflow, **options)
    if parsed.database and parsed.database != ":memory:":  # in memory: one shared connection
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        options.update(pool_size=pool_size, max_overflow=max_overflow)
    engine = create_async_engine(url, connect_args={"timeout": 30}, **options)

    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin: otherwise
        # SAVEPOINTs and reads before the first write escape the request's transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine
