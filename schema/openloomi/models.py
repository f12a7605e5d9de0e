"""OpenLoomi's tables (prefixed `openloomi_`). Every row but a user's belongs to one user, and is
read only through that user; relationships are never loaded implicitly."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
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


def _owner() -> Mapped[str]:
    return mapped_column(ID, ForeignKey("openloomi_users.id", ondelete="CASCADE"), index=True)


def _json(default: Any) -> Any:
    return mapped_column(JSON, default=default)


class User(Base):
    __tablename__ = "openloomi_users"

    id: Mapped[str] = _id()
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(Text)
    avatar_url: Mapped[str | None] = mapped_column(Text)
    password_hash: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20), default="regular")
    # Carried by every token: a password change moves it on, so older tokens stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = _at()
    updated_at: Mapped[datetime] = _at()
    last_login_at: Mapped[datetime | None] = _at(nullable=True)


class Insight(Base):
    __tablename__ = "openloomi_insights"
    __table_args__ = (Index("ix_openloomi_insights_user_time", "user_id", "created_at"),)

    id: Mapped[str] = _id()
    user_id: Mapped[str] = _owner()
    bot_id: Mapped[str | None] = mapped_column(ID)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    importance: Mapped[str] = mapped_column(String(20))
    urgency: Mapped[str] = mapped_column(String(20))
    platform: Mapped[str] = mapped_column(Text)
    groups: Mapped[list[Any]] = _json(list)
    categories: Mapped[list[Any]] = _json(list)
    people: Mapped[list[Any]] = _json(list)
    details: Mapped[list[Any]] = _json(list)
    timeline: Mapped[list[Any]] = _json(list)
    insights: Mapped[list[Any]] = _json(list)
    my_tasks: Mapped[list[Any]] = _json(list)
    waiting_for_me: Mapped[list[Any]] = _json(list)
    waiting_for_others: Mapped[list[Any]] = _json(list)
    action_required: Mapped[bool] = mapped_column(Boolean, default=False)
    is_archived: Mapped[bool] = mapped_column(Boolean, default=False)
    is_favorited: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = _at()
    updated_at: Mapped[datetime] = _at()


class Bot(Base):
    """A connected account's agent: what messages are sent through."""

    __tablename__ = "openloomi_bots"

    id: Mapped[str] = _id()
    user_id: Mapped[str] = _owner()
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    adapter: Mapped[str] = mapped_column(Text)
    adapter_config: Mapped[dict[str, Any]] = _json(dict)
    enable: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = _at()
    updated_at: Mapped[datetime] = _at()


class IntegrationAccount(Base):
    __tablename__ = "openloomi_integration_accounts"
    __table_args__ = (UniqueConstraint("user_id", "platform", "external_id"),)

    id: Mapped[str] = _id()
    user_id: Mapped[str] = _owner()
    platform: Mapped[str] = mapped_column(String(40))
    external_id: Mapped[str] = mapped_column(String(500))
    display_name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="active")
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    # The JSON credentials, sealed (`app.sealing`); never answered.
    credentials_encrypted: Mapped[str] = mapped_column(Text)
    bot_id: Mapped[str | None] = mapped_column(ID)
    created_at: Mapped[datetime] = _at()
    updated_at: Mapped[datetime] = _at()


class Contact(Base):
    __tablename__ = "openloomi_contacts"

    id: Mapped[str] = _id()
    user_id: Mapped[str] = _owner()
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(String(40))
    bot_id: Mapped[str | None] = mapped_column(ID)
    platform: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    last_interaction: Mapped[datetime | None] = _at(nullable=True)
    created_at: Mapped[datetime] = _at()


class OutgoingMessage(Base):
    """A message a user asked a bot to send, kept with what became of it."""

    __tablename__ = "openloomi_outgoing_messages"

    id: Mapped[str] = _id()
    user_id: Mapped[str] = _owner()
    bot_id: Mapped[str] = mapped_column(ID)
    recipients: Mapped[list[str]] = _json(list)
    cc: Mapped[list[str]] = _json(list)
    bcc: Mapped[list[str]] = _json(list)
    message: Mapped[str] = mapped_column(Text)
    message_html: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = _at()


class Chat(Base):
    __tablename__ = "openloomi_chats"
    __table_args__ = (Index("ix_openloomi_chats_user_time", "user_id", "created_at"),)

    id: Mapped[str] = _id()
    user_id: Mapped[str] = _owner()
    title: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(20), default="private")
    created_at: Mapped[datetime] = _at()
    updated_at: Mapped[datetime] = _at()


class ChatMessage(Base):
    """A chat's message; its id is the client's, unique within the chat."""

    __tablename__ = "openloomi_chat_messages"
    __table_args__ = (Index("ix_openloomi_chat_messages_chat", "chat_id", "position"),)

    chat_id: Mapped[str] = mapped_column(
        ID, ForeignKey("openloomi_chats.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    user_id: Mapped[str] = _owner()
    # The order the messages were saved in.
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(40))
    parts: Mapped[list[Any]] = _json(list)
    attachments: Mapped[list[Any]] = _json(list)
    created_at: Mapped[datetime] = _at()


class StoredFile(Base):
    """A file kept on disk under the data directory; the row says whose it is and where."""

    __tablename__ = "openloomi_files"

    id: Mapped[str] = _id()
    user_id: Mapped[str] = _owner()
    name: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(200))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    blob_path: Mapped[str] = mapped_column(Text)
    chat_id: Mapped[str | None] = mapped_column(ID)
    message_id: Mapped[str | None] = mapped_column(ID)
    created_at: Mapped[datetime] = _at()


class OAuthSession(Base):
    """One OAuth2 authorization in flight: connecting an account (for `user_id`) or signing
    in (no user yet). Its id is the `state` the provider hands back."""

    __tablename__ = "openloomi_oauth_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("openloomi_users.id", ondelete="CASCADE"), index=True
    )
    provider: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str] = mapped_column(String(20))
    code_verifier: Mapped[str | None] = mapped_column(String(200))
    redirect_uri: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    # What a finished sign-in answers when polled: the user's id (a token is issued then).
    result_user_id: Mapped[str | None] = mapped_column(ID)
    account_id: Mapped[str | None] = mapped_column(ID)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _at()
    expires_at: Mapped[datetime] = _at()


class InsightTab(Base):
    """A user's saved view of their insights: a name, a filter, a place in the tab bar."""

    __tablename__ = "openloomi_insight_tabs"

    id: Mapped[str] = _id()
    user_id: Mapped[str] = _owner()
    name: Mapped[str] = mapped_column(Text)
    filter: Mapped[dict[str, Any]] = _json(dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = _at()
    updated_at: Mapped[datetime] = _at()


class Feedback(Base):
    __tablename__ = "openloomi_feedback"

    id: Mapped[str] = _id()
    user_id: Mapped[str] = _owner()
    content: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    system_info: Mapped[dict[str, Any]] = _json(dict)
    created_at: Mapped[datetime] = _at()
