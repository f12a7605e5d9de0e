"""What every Arkloop table shares: string ids and UTC timestamps."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

ID = String(36)


def new_id() -> str:
    return str(uuid.uuid4())


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored one is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def id_column() -> Mapped[str]:
    return mapped_column(ID, primary_key=True, default=new_id)


def at_column(nullable: bool = False) -> Any:
    return mapped_column(DateTime(timezone=True), nullable=nullable)
