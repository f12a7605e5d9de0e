"""Alembic environment: async engine, one history for every domain's tables."""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
from importlib.util import find_spec

from alembic import context
from sqlalchemy.engine import Connection

import app.jobs  # noqa: F401  (registers the job table on the shared metadata)
import schema
from app.db import Base, Database
from app.settings import get_settings


def _register_domain_tables() -> None:
    """Import every domain's `models` (a module or a package; a domain that stores nothing has
    none), which declares its tables on the shared metadata."""
    for package in pkgutil.iter_modules(schema.__path__):
        if not package.ispkg or package.name.startswith("_"):
            continue
        models = f"{schema.__name__}.{package.name}.models"
        if find_spec(models) is not None:
            importlib.import_module(models)


_register_domain_tables()
target_metadata = Base.metadata


def _url() -> str:
    return context.config.attributes.get("database_url") or get_settings().database_url


def _migrate(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    database = Database(_url())
    async with database.engine.connect() as connection:
        await connection.run_sync(_migrate)
        await connection.commit()
    await database.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
