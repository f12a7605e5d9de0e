"""Arkloop's tables (prefixed `arkloop_`). Every row belongs to an account; relationships are
never loaded implicitly."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

ID = String(36)


def new_id() -> str:
    return str(uuid.uuid4())


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored one is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _id() -> Mapped[str]:
    return mapped_column(ID, primary_key=True, default=new_id)


def _at(nullable: bool = False) -> Any:
    return mapped_column(DateTime(timezone=True), nullable=nullable)


class User(Base):
    __tablename__ = "arkloop_users"

    id: Mapped[str] = _id()
    username: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    locale: Mapped[str | None] = mapped_column(String(20))
    email_verified_at: Mapped[datetime | None] = _at(nullable=True)
    created_at: Mapped[datetime] = _at()


class Account(Base):
    __tablename__ = "arkloop_accounts"

    id: Mapped[str] = _id()
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20))  # personal | workspace
    created_at: Mapped[datetime] = _at()


class Membership(Base):
    __tablename__ = "arkloop_memberships"
    __table_args__ = (UniqueConstraint("account_id", "user_id"),)

    id: Mapped[str] = _id()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # owner | admin | member
    created_at: Mapped[datetime] = _at()


class Session(Base):
    """A login: the family of refresh tokens it rotated through, revoked as one."""

    __tablename__ = "arkloop_sessions"

    id: Mapped[str] = _id()
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"), index=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    created_at: Mapped[datetime] = _at()
    revoked_at: Mapped[datetime | None] = _at(nullable=True)


class RefreshToken(Base):
    __tablename__ = "arkloop_refresh_tokens"

    id: Mapped[str] = _id()
    session_id: Mapped[str] = mapped_column(ForeignKey("arkloop_sessions.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = _at()
    used_at: Mapped[datetime | None] = _at(nullable=True)
    created_at: Mapped[datetime] = _at()


class ApiKey(Base):
    __tablename__ = "arkloop_api_keys"

    id: Mapped[str] = _id()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    name: Mapped[str] = mapped_column(String(200))
    key_prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(JSON)
    revoked_at: Mapped[datetime | None] = _at(nullable=True)
    last_used_at: Mapped[datetime | None] = _at(nullable=True)
    created_at: Mapped[datetime] = _at()


class Project(Base):
    __tablename__ = "arkloop_projects"

    id: Mapped[str] = _id()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"), index=True)
    team_id: Mapped[str | None] = mapped_column(ID)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(20))
    created_by_user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    created_at: Mapped[datetime] = _at()


class Thread(Base):
    __tablename__ = "arkloop_threads"
    __table_args__ = (Index("ix_arkloop_threads_keyset", "account_id", "updated_at", "id"),)

    id: Mapped[str] = _id()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    created_by_user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    title: Mapped[str | None] = mapped_column(String(500))
    project_id: Mapped[str | None] = mapped_column(ForeignKey("arkloop_projects.id"))
    is_private: Mapped[bool] = mapped_column(Boolean)
    parent_thread_id: Mapped[str | None] = mapped_column(ID)
    active_run_id: Mapped[str | None] = mapped_column(ID)
    created_at: Mapped[datetime] = _at()
    updated_at: Mapped[datetime] = _at()
    deleted_at: Mapped[datetime | None] = _at(nullable=True)


class ThreadStar(Base):
    __tablename__ = "arkloop_thread_stars"

    thread_id: Mapped[str] = mapped_column(ForeignKey("arkloop_threads.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"), primary_key=True)
    created_at: Mapped[datetime] = _at()


class Message(Base):
    __tablename__ = "arkloop_messages"
    __table_args__ = (Index("ix_arkloop_messages_thread", "thread_id", "created_at", "id"),)

    id: Mapped[str] = _id()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    thread_id: Mapped[str] = mapped_column(ForeignKey("arkloop_threads.id"))
    created_by_user_id: Mapped[str | None] = mapped_column(ID)
    run_id: Mapped[str | None] = mapped_column(ID)
    role: Mapped[str] = mapped_column(String(20))  # user | assistant
    content: Mapped[str] = mapped_column(Text)
    content_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = _at()
    deleted_at: Mapped[datetime | None] = _at(nullable=True)


class Run(Base):
    """`status` and `last_seq` are kept by appending events, in the same transaction: the
    events are the record, these columns their summary for lists and filters."""

    __tablename__ = "arkloop_runs"
    __table_args__ = (Index("ix_arkloop_runs_account", "account_id", "created_at", "id"),)

    id: Mapped[str] = _id()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    thread_id: Mapped[str] = mapped_column(ForeignKey("arkloop_threads.id"), index=True)
    created_by_user_id: Mapped[str | None] = mapped_column(ID)
    parent_run_id: Mapped[str | None] = mapped_column(ID)
    resume_from_run_id: Mapped[str | None] = mapped_column(ID)
    persona_id: Mapped[str | None] = mapped_column(String(200))
    route_id: Mapped[str | None] = mapped_column(String(200))
    model: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(30))
    last_seq: Mapped[int] = mapped_column(Integer)
    trace_id: Mapped[str] = mapped_column(String(128))
    total_input_tokens: Mapped[int | None] = mapped_column(Integer)
    total_output_tokens: Mapped[int | None] = mapped_column(Integer)
    total_cost_usd: Mapped[float | None] = mapped_column(Float)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = _at()
    completed_at: Mapped[datetime | None] = _at(nullable=True)
    failed_at: Mapped[datetime | None] = _at(nullable=True)


class RunEvent(Base):
    __tablename__ = "arkloop_run_events"
    __table_args__ = (UniqueConstraint("run_id", "seq"),)

    id: Mapped[str] = _id()
    run_id: Mapped[str] = mapped_column(ForeignKey("arkloop_runs.id"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    ts: Mapped[datetime] = _at()


class MailOutbox(Base):
    """Mail written in the transaction of the request that caused it; the sender (a durable job,
    when SMTP is configured) marks it sent. Unsent mail stays here."""

    __tablename__ = "arkloop_mail_outbox"
    __table_args__ = (Index("ix_arkloop_mail_outbox_status", "status", "created_at"),)

    id: Mapped[str] = _id()
    to_address: Mapped[str] = mapped_column(String(320), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))  # email_verify | login_otp | invitation
    status: Mapped[str] = mapped_column(String(20))  # queued | sent
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _at()
    sent_at: Mapped[datetime | None] = _at(nullable=True)


class EmailToken(Base):
    """A single-use secret sent by mail (an email-verification token or a login code), kept as
    a hash."""

    __tablename__ = "arkloop_email_tokens"
    __table_args__ = (Index("ix_arkloop_email_tokens_user", "user_id", "purpose", "created_at"),)

    id: Mapped[str] = _id()
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    purpose: Mapped[str] = mapped_column(String(20))  # verify | otp
    token_hash: Mapped[str] = mapped_column(String(64), index=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = _at()
    used_at: Mapped[datetime | None] = _at(nullable=True)
    created_at: Mapped[datetime] = _at()


class Team(Base):
    __tablename__ = "arkloop_teams"

    id: Mapped[str] = _id()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = _at()


class TeamMember(Base):
    __tablename__ = "arkloop_team_members"

    team_id: Mapped[str] = mapped_column(ForeignKey("arkloop_teams.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))  # member | admin
    created_at: Mapped[datetime] = _at()


class Invitation(Base):
    """An invitation to join an account; its token (kept as a hash) is also an invite code for
    registration when registration is invite-only."""

    __tablename__ = "arkloop_account_invitations"

    id: Mapped[str] = _id()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"), index=True)
    invited_by_user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = _at()
    accepted_at: Mapped[datetime | None] = _at(nullable=True)
    revoked_at: Mapped[datetime | None] = _at(nullable=True)
    created_at: Mapped[datetime] = _at()


class LlmProvider(Base):
    """An account's model provider: its API key sealed (`app.sealing`), shown by prefix only."""

    __tablename__ = "arkloop_llm_providers"
    __table_args__ = (UniqueConstraint("account_id", "name"),)

    id: Mapped[str] = _id()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"), index=True)
    provider: Mapped[str] = mapped_column(String(20))  # openai | anthropic
    name: Mapped[str] = mapped_column(String(200))
    api_key_sealed: Mapped[str] = mapped_column(Text)
    key_prefix: Mapped[str] = mapped_column(String(16))
    base_url: Mapped[str | None] = mapped_column(String(2000))
    openai_api_mode: Mapped[str | None] = mapped_column(String(30))
    advanced_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = _at()


class LlmProviderModel(Base):
    __tablename__ = "arkloop_llm_provider_models"
    __table_args__ = (UniqueConstraint("provider_id", "model"),)

    id: Mapped[str] = _id()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    provider_id: Mapped[str] = mapped_column(ForeignKey("arkloop_llm_providers.id"), index=True)
    model: Mapped[str] = mapped_column(String(200))
    priority: Mapped[int] = mapped_column(Integer)
    is_default: Mapped[bool] = mapped_column(Boolean)
    tags: Mapped[list[str]] = mapped_column(JSON)
    when: Mapped[dict[str, Any]] = mapped_column(JSON)
    advanced_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    multiplier: Mapped[float] = mapped_column(Float)
    cost_per_1k_input: Mapped[float | None] = mapped_column(Float)
    cost_per_1k_output: Mapped[float | None] = mapped_column(Float)
    cost_per_1k_cache_write: Mapped[float | None] = mapped_column(Float)
    cost_per_1k_cache_read: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = _at()
