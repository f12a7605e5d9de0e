"""Users, accounts and their members, sign-in sessions and API keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    ForeignKey,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

from .base import at_column, id_column


class User(Base):
    __tablename__ = "arkloop_users"

    id: Mapped[str] = id_column()
    username: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    locale: Mapped[str | None] = mapped_column(String(20))
    email_verified_at: Mapped[datetime | None] = at_column(nullable=True)
    created_at: Mapped[datetime] = at_column()


class Account(Base):
    __tablename__ = "arkloop_accounts"

    id: Mapped[str] = id_column()
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20))  # personal | workspace
    created_at: Mapped[datetime] = at_column()


class Membership(Base):
    __tablename__ = "arkloop_memberships"
    __table_args__ = (UniqueConstraint("account_id", "user_id"),)

    id: Mapped[str] = id_column()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # owner | admin | member
    created_at: Mapped[datetime] = at_column()


class Session(Base):
    """A login: the family of refresh tokens it rotated through, revoked as one."""

    __tablename__ = "arkloop_sessions"

    id: Mapped[str] = id_column()
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"), index=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    created_at: Mapped[datetime] = at_column()
    revoked_at: Mapped[datetime | None] = at_column(nullable=True)


class RefreshToken(Base):
    __tablename__ = "arkloop_refresh_tokens"

    id: Mapped[str] = id_column()
    session_id: Mapped[str] = mapped_column(ForeignKey("arkloop_sessions.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = at_column()
    used_at: Mapped[datetime | None] = at_column(nullable=True)
    created_at: Mapped[datetime] = at_column()


class ApiKey(Base):
    __tablename__ = "arkloop_api_keys"

    id: Mapped[str] = id_column()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    name: Mapped[str] = mapped_column(String(200))
    key_prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(JSON)
    revoked_at: Mapped[datetime | None] = at_column(nullable=True)
    last_used_at: Mapped[datetime | None] = at_column(nullable=True)
    created_at: Mapped[datetime] = at_column()
