"""Throwaway databases for the suite: a SQLite file, and a PostgreSQL database when a server is
reachable (required when CI=true). Each is created, migrated, and dropped afterwards."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg

from app.migrations import upgrade

PG_ADMIN_DSN = os.environ.get("FACET_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


def postgres_available() -> bool:
    async def probe() -> bool:
        try:
            connection = await asyncpg.connect(PG_ADMIN_DSN, timeout=3)
        except (TimeoutError, OSError, asyncpg.PostgresError):
            return False
        await connection.close()
        return True

    return asyncio.run(probe())


def backends() -> list[str]:
    if postgres_available():
        return ["sqlite", "postgresql"]
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"CI=true but PostgreSQL is not reachable at {PG_ADMIN_DSN}")
    return ["sqlite"]


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@contextmanager
def migrated_database(backend: str, workdir: Path) -> Iterator[str]:
    """Yield the SQLAlchemy URL of a new, fully migrated database of the given backend."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{workdir / f'facet-{uuid.uuid4().hex[:8]}.db'}"
        upgrade(url)
        yield url
        return
    with empty_postgres_database() as url:
        upgrade(url)
        yield url


@contextmanager
def empty_postgres_database() -> Iterator[str]:
    """Yield the SQLAlchemy URL of a new PostgreSQL database holding nothing, never migrated."""
    name = f"facet_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    try:
        yield f"{base}/{name}"
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
