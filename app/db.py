"""Engine and sessions for SQLite (aiosqlite, the embedded default) or PostgreSQL (asyncpg)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

from .errors import Busy


class Base(DeclarativeBase):
    """The one metadata every domain's tables are declared on (names prefixed by the slug)."""


class SerialSession(AsyncSession):
    """An AsyncSession that queues concurrent awaits instead of failing on them (GraphQL resolves
    sibling fields and dataloader batches concurrently, all on the request's one session), and
    reports SQLite's lock contention as a typed, retryable error rather than a crash."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock = asyncio.Lock()

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

    def session(self) -> AsyncSession:
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


def read_json(text: str) -> Any:
    """JSON columns as orjson reads them, or as the standard library does what orjson refuses
    (NaN, integers past 64 bits), which the standard serializer may have written."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _create_engine(url: str, echo: bool, pool_size: int, max_overflow: int) -> AsyncEngine:
    parsed = make_url(url)
    options: dict[str, Any] = {"echo": echo, "json_deserializer": read_json}
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
