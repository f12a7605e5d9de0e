"""Readiness: whether the database answers, and at which schema version."""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError

from app.db import Database

from ..repository import identity

log = logging.getLogger("facet.arkloop")


async def readiness(database: Database) -> str | None:
    """The schema version when the database answers; None, logged, when it does not."""
    try:
        async with database.session() as session:
            return await identity.schema_version(session) or "unknown"
    except (SQLAlchemyError, OSError):
        log.warning("readiness check: database unavailable", exc_info=True)
        return None
