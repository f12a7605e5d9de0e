"""LoreOS's tables, prefixed `loreos_`. Every row belongs to an app (the tenant), directly or
through its session; relationships are never loaded implicitly."""

from __future__ import annotations

import secrets
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

ID = String(40)


def new_id(prefix: str) -> str:
    """A public id with its display prefix (`char_`, `sess_`, `run_`...)."""
    return f"{prefix}{secrets.token_hex(12)}"


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored one is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _at(nullable: bool = False) -> Any:
    return mapped_column(DateTime(timezone=True), nullable=nullable)


def _app() -> Mapped[str]:
    return mapped_column(ID, ForeignKey("loreos_apps.id"), index=True)


class App(Base):
    """A tenant. `kind` is `standard` or `demo` (a sandbox with the demo caps)."""

    __tablename__ = "loreos_apps"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    # The app-wide budget policy: no limit when null.
    limit_credits: Mapped[float | None] = mapped_column(Float)
    enforcement: Mapped[str] = mapped_column(String(10), default="hard")
    # When the app was activated for production (its readiness checks passing), if it was.
    production_activated_at: Mapped[datetime | None] = _at(nullable=True)
    created_at: Mapped[datetime] = _at()


class ApiKey(Base):
    """A runtime key: shown once, stored as its SHA-256; found by its prefix, then compared in
    constant time."""

    __tablename__ = "loreos_api_keys"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    app_id: Mapped[str] = _app()
    prefix: Mapped[str] = mapped_column(String(40), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime | None] = _at(nullable=True)
    revoked_at: Mapped[datetime | None] = _at(nullable=True)
    last_used_at: Mapped[datetime | None] = _at(nullable=True)
    created_at: Mapped[datetime] = _at()


class Character(Base):
    """A character; its content lives in immutable versions. Slugs are unique across apps."""

    __tablename__ = "loreos_characters"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    app_id: Mapped[str] = _app()
    slug: Mapped[str] = mapped_column(String(128), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    version_number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = _at()
    updated_at: Mapped[datetime] = _at()


class CharacterVersion(Base):
    __tablename__ = "loreos_character_versions"
    __table_args__ = (UniqueConstraint("character_id", "version_number"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    character_id: Mapped[str] = mapped_column(ID, ForeignKey("loreos_characters.id"))
    version_number: Mapped[int] = mapped_column(Integer)
    # The authored content, and its SHA-256 over canonical JSON (identical content, one version).
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = _at()


class EndUser(Base):
    """An app's end-user, known by the app's own opaque reference, with an optional cap."""

    __tablename__ = "loreos_end_users"
    __table_args__ = (UniqueConstraint("app_id", "external_user_ref"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    app_id: Mapped[str] = _app()
    external_user_ref: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str | None] = mapped_column(String(120))
    limit_credits: Mapped[float | None] = mapped_column(Float)
    enforcement: Mapped[str] = mapped_column(String(10), default="hard")
    resource_type: Mapped[str] = mapped_column(String(80), default="all")
    created_at: Mapped[datetime] = _at()


class Session(Base):
    """A conversation of one end-user with one character: a cursored event log."""

    __tablename__ = "loreos_sessions"
    __table_args__ = (
        Index("ix_loreos_sessions_key", "app_id", "external_user_ref", "character_id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    app_id: Mapped[str] = _app()
    character_id: Mapped[str] = mapped_column(ID, ForeignKey("loreos_characters.id"))
    character_version: Mapped[int] = mapped_column(Integer)
    end_user_id: Mapped[str] = mapped_column(ID, ForeignKey("loreos_end_users.id"))
    external_user_ref: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    proactive_enabled: Mapped[bool] = mapped_column(Boolean)
    proactive_controls: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The last cursor handed out (events are numbered from 1) and turns sent.
    last_cursor: Mapped[int] = mapped_column(Integer)
    turn_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = _at()


class Event(Base):
    __tablename__ = "loreos_events"
    __table_args__ = (UniqueConstraint("session_id", "cursor"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    session_id: Mapped[str] = mapped_column(ID, ForeignKey("loreos_sessions.id"))
    cursor: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    run_ref: Mapped[str | None] = mapped_column(ID)
    created_at: Mapped[datetime] = _at()


class Run(Base):
    """One turn's reply: accepted with the user's message, produced by a job, metered."""

    __tablename__ = "loreos_runs"
    __table_args__ = (UniqueConstraint("session_id", "idempotency_key"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    app_id: Mapped[str] = _app()
    session_id: Mapped[str] = mapped_column(ID, ForeignKey("loreos_sessions.id"), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    turn_index: Mapped[int] = mapped_column(Integer)
    # The user message's cursor, which the send answered with.
    cursor: Mapped[int] = mapped_column(Integer)
    reply_mode: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    provider: Mapped[str | None] = mapped_column(String(40))
    model: Mapped[str | None] = mapped_column(String(200))
    model_calls: Mapped[int] = mapped_column(Integer)
    reserved_credits: Mapped[float] = mapped_column(Float)
    settled_credits: Mapped[float | None] = mapped_column(Float)
    latency_ms: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _at()
    completed_at: Mapped[datetime | None] = _at(nullable=True)


class UsageEvent(Base):
    """The meter's ledger: a reservation before a model call, settled to what it cost."""

    __tablename__ = "loreos_usage_events"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    app_id: Mapped[str] = _app()
    run_id: Mapped[str] = mapped_column(ID, ForeignKey("loreos_runs.id"), unique=True)
    session_id: Mapped[str] = mapped_column(ID)
    character_slug: Mapped[str] = mapped_column(String(128))
    external_user_ref: Mapped[str] = mapped_column(String(200), index=True)
    resource_type: Mapped[str] = mapped_column(String(80))
    provider: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    credits: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = _at()
    settled_at: Mapped[datetime | None] = _at(nullable=True)


class Channel(Base):
    """A webhook that receives a session's events."""

    __tablename__ = "loreos_channels"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    app_id: Mapped[str] = _app()
    session_id: Mapped[str] = mapped_column(ID, ForeignKey("loreos_sessions.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    secret: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _at()


class Delivery(Base):
    """One event pushed to one channel; its latest status shows in the session's trace."""

    __tablename__ = "loreos_deliveries"
    __table_args__ = (UniqueConstraint("channel_id", "event_id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    channel_id: Mapped[str] = mapped_column(ID, ForeignKey("loreos_channels.id"))
    event_id: Mapped[str] = mapped_column(ID, ForeignKey("loreos_events.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = _at()


class VisualAsset(Base):
    """An image of a character, stored under the data directory. `status` is `active` (an
    identity asset, approved as the anchor) or `candidate`; an asset key names one asset of
    the character, and sending it again replaces the image."""

    __tablename__ = "loreos_visual_assets"
    __table_args__ = (UniqueConstraint("character_id", "asset_key"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    app_id: Mapped[str] = _app()
    character_id: Mapped[str] = mapped_column(ID, ForeignKey("loreos_characters.id"))
    asset_key: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(String(200))
    visual_summary: Mapped[str] = mapped_column(Text)
    visual_description: Mapped[str] = mapped_column(Text)
    provenance: Mapped[str | None] = mapped_column(String(120))
    license: Mapped[str | None] = mapped_column(String(200))
    # `upload` or `url` (then `source_url` is where it was fetched from, once).
    source: Mapped[str] = mapped_column(String(20))
    source_url: Mapped[str | None] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(40))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # Where the bytes are, relative to the data directory.
    path: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20))
    promotion: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = _at()
    updated_at: Mapped[datetime] = _at()


class Import(Base):
    """A character bundle staged for review (authoring_only), then committed as a character."""

    __tablename__ = "loreos_imports"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    app_id: Mapped[str] = _app()
    mode: Mapped[str] = mapped_column(String(40))
    extraction_mode: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    phase: Mapped[str] = mapped_column(String(20))
    slug: Mapped[str] = mapped_column(String(128))
    # The authored bundle as sent (normalised), and an identity image to fetch on commit.
    character: Mapped[dict[str, Any]] = mapped_column(JSON)
    identity_image: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    completed_checkpoints: Mapped[list[str]] = mapped_column(JSON)
    last_error: Mapped[str | None] = mapped_column(Text)
    # What the commit made (null until committed).
    commit: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = _at()
    updated_at: Mapped[datetime] = _at()
