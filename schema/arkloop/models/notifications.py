"""In-app notifications, each for one user in one account."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

from .base import at_column, id_column


class Notification(Base):
    __tablename__ = "arkloop_notifications"
    __table_args__ = (
        Index("ix_arkloop_notifications_user", "user_id", "account_id", "created_at", "id"),
    )

    id: Mapped[str] = id_column()
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    type: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    read_at: Mapped[datetime | None] = at_column(nullable=True)
    created_at: Mapped[datetime] = at_column()
