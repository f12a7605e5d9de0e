"""Projects, threads, their messages, and runs with their events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
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

from .base import ID, at_column, id_column


class Project(Base):
    __tablename__ = "arkloop_projects"

    id: Mapped[str] = id_column()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"), index=True)
    team_id: Mapped[str | None] = mapped_column(ID)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(20))
    created_by_user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    created_at: Mapped[datetime] = at_column()


class Thread(Base):
    __tablename__ = "arkloop_threads"
    __table_args__ = (Index("ix_arkloop_threads_keyset", "account_id", "updated_at", "id"),)

    id: Mapped[str] = id_column()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    created_by_user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    title: Mapped[str | None] = mapped_column(String(500))
    project_id: Mapped[str | None] = mapped_column(ForeignKey("arkloop_projects.id"))
    is_private: Mapped[bool] = mapped_column(Boolean)
    parent_thread_id: Mapped[str | None] = mapped_column(ID)
    active_run_id: Mapped[str | None] = mapped_column(ID)
    created_at: Mapped[datetime] = at_column()
    updated_at: Mapped[datetime] = at_column()
    deleted_at: Mapped[datetime | None] = at_column(nullable=True)


class ThreadStar(Base):
    __tablename__ = "arkloop_thread_stars"

    thread_id: Mapped[str] = mapped_column(ForeignKey("arkloop_threads.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"), primary_key=True)
    created_at: Mapped[datetime] = at_column()


class Message(Base):
    __tablename__ = "arkloop_messages"
    __table_args__ = (Index("ix_arkloop_messages_thread", "thread_id", "created_at", "id"),)

    id: Mapped[str] = id_column()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    thread_id: Mapped[str] = mapped_column(ForeignKey("arkloop_threads.id"))
    created_by_user_id: Mapped[str | None] = mapped_column(ID)
    run_id: Mapped[str | None] = mapped_column(ID)
    role: Mapped[str] = mapped_column(String(20))  # user | assistant
    content: Mapped[str] = mapped_column(Text)
    content_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = at_column()
    deleted_at: Mapped[datetime | None] = at_column(nullable=True)


class Run(Base):
    """`status` and `last_seq` are kept by appending events, in the same transaction: the
    events are the record, these columns their summary for lists and filters."""

    __tablename__ = "arkloop_runs"
    __table_args__ = (Index("ix_arkloop_runs_account", "account_id", "created_at", "id"),)

    id: Mapped[str] = id_column()
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
    created_at: Mapped[datetime] = at_column()
    completed_at: Mapped[datetime | None] = at_column(nullable=True)
    failed_at: Mapped[datetime | None] = at_column(nullable=True)


class RunEvent(Base):
    __tablename__ = "arkloop_run_events"
    __table_args__ = (UniqueConstraint("run_id", "seq"),)

    id: Mapped[str] = id_column()
    run_id: Mapped[str] = mapped_column(ForeignKey("arkloop_runs.id"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    ts: Mapped[datetime] = at_column()
