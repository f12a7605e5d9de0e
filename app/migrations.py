"""Running Alembic from code (the CLI and the tests), and making sure a database is migrated
before it is served."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError

from .db import Database

ROOT = Path(__file__).resolve().parent.parent


class NotReady(Exception):
    """The database cannot be served: unreachable, or behind on migrations that are not Facet's
    to apply."""


def config(database_url: str | None = None) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    if database_url:
        cfg.attributes["database_url"] = database_url
    return cfg


def upgrade(database_url: str | None = None) -> None:
    command.upgrade(config(database_url), "head")


def prepare_for_serving(database_url: str) -> bool:
    """Bring the embedded default (SQLite) to the latest migration; refuse any other database
    that is behind it, since migrating a shared server is its operator's decision. Whether
    migrations were applied."""
    shown = make_url(database_url).render_as_string(hide_password=True)
    latest = set(ScriptDirectory.from_config(config(database_url)).get_heads())
    try:
        current = asyncio.run(_current_heads(database_url))
    except (OSError, SQLAlchemyError) as error:
        raise NotReady(f"cannot open the database {shown}: {error}") from error
    if current == latest:
        return False
    if make_url(database_url).get_backend_name() == "sqlite":
        upgrade(database_url)
        return True
    at = ", ".join(sorted(current)) or "none"
    raise NotReady(
        f"the database {shown} is not migrated (at revision {at}, latest "
        f"{', '.join(sorted(latest))}): run `facet migrate` first"
    )


async def _current_heads(database_url: str) -> set[str]:
    database = Database(database_url)
    try:
        async with database.engine.connect() as connection:
            heads = await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_heads()
            )
    finally:
        await database.dispose()
    return set(heads)
