"""Loop's tables (prefixed `loop_`) and enums. Relationships are never loaded implicitly:
every relation is read through a per-request dataloader."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from cuid2 import Cuid
from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.db import Base

_cuid = Cuid()


def new_id() -> str:
    return _cuid.generate()


class IssueType(enum.Enum):
    signal = "signal"
    hypothesis = "hypothesis"
    plan = "plan"
    task = "task"
    monitor = "monitor"


class IssueStatus(enum.Enum):
    triage = "triage"
    backlog = "backlog"
    todo = "todo"
    in_progress = "in_progress"
    done = "done"
    canceled = "canceled"


class RelationType(enum.Enum):
    blocks = "blocks"
    blocked_by = "blocked_by"
    related = "related"
    duplicate = "duplicate"


class AuthorType(enum.Enum):
    human = "human"
    agent = "agent"


class ProjectStatus(enum.Enum):
    backlog = "backlog"
    planned = "planned"
    active = "active"
    paused = "paused"
    completed = "completed"
    canceled = "canceled"


class ProjectHealth(enum.Enum):
    on_track = "on_track"
    at_risk = "at_risk"
    off_track = "off_track"


class GoalStatus(enum.Enum):
    active = "active"
    achieved = "achieved"
    abandoned = "abandoned"


def _id() -> Mapped[str]:
    return mapped_column(String(32), primary_key=True, default=new_id)


def _timestamp(nullable: bool = False) -> Mapped[Any]:
    return mapped_column(
        DateTime(timezone=True), nullable=nullable, default=None if nullable else utcnow
    )


class Counter(Base):
    """Named counters (issue numbers): one atomic `UPDATE … RETURNING` on either backend."""

    __tablename__ = "loop_counters"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Goal(Base):
    __tablename__ = "loop_goals"
    id: Mapped[str] = _id()
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str | None] = mapped_column(Text)
    target_value: Mapped[float | None] = mapped_column(Float)
    current_value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=GoalStatus.active.value)
    # Any string, as Loop stores it: no project need have this id.
    project_id: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _timestamp()
    updated_at: Mapped[datetime] = _timestamp()
    deleted_at: Mapped[datetime | None] = _timestamp(nullable=True)


class Project(Base):
    __tablename__ = "loop_projects"
    id: Mapped[str] = _id()
    name: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=ProjectStatus.backlog.value)
    health: Mapped[str] = mapped_column(String(20), default=ProjectHealth.on_track.value)
    goal_id: Mapped[str | None] = mapped_column(ForeignKey("loop_goals.id"), index=True)
    created_at: Mapped[datetime] = _timestamp()
    updated_at: Mapped[datetime] = _timestamp()
    deleted_at: Mapped[datetime | None] = _timestamp(nullable=True)


class Issue(Base):
    __tablename__ = "loop_issues"
    id: Mapped[str] = _id()
    number: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=IssueStatus.triage.value)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("loop_issues.id"), index=True)
    project_id: Mapped[str | None] = mapped_column(ForeignKey("loop_projects.id"), index=True)
    signal_source: Mapped[str | None] = mapped_column(Text)
    signal_payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    hypothesis: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    agent_session_id: Mapped[str | None] = mapped_column(Text)
    agent_summary: Mapped[str | None] = mapped_column(Text)
    commits: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    pull_requests: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    completed_at: Mapped[datetime | None] = _timestamp(nullable=True)
    created_at: Mapped[datetime] = _timestamp()
    updated_at: Mapped[datetime] = _timestamp()
    deleted_at: Mapped[datetime | None] = _timestamp(nullable=True)

    __table_args__ = (Index("ix_loop_issues_created_at", "created_at"),)


class Label(Base):
    __tablename__ = "loop_labels"
    id: Mapped[str] = _id()
    name: Mapped[str] = mapped_column(String(100))
    color: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = _timestamp()
    deleted_at: Mapped[datetime | None] = _timestamp(nullable=True)

    # A name is never reused, even after its label is deleted (the service checks, as Loop
    # does); the index refuses two live labels of one name created at once.
    __table_args__ = (
        Index(
            "uq_loop_labels_live_name",
            "name",
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
            sqlite_where=text("deleted_at IS NULL"),
        ),
    )


class IssueLabel(Base):
    __tablename__ = "loop_issue_labels"
    issue_id: Mapped[str] = mapped_column(ForeignKey("loop_issues.id"), primary_key=True)
    label_id: Mapped[str] = mapped_column(
        ForeignKey("loop_labels.id"), primary_key=True, index=True
    )


class IssueRelation(Base):
    __tablename__ = "loop_issue_relations"
    id: Mapped[str] = _id()
    type: Mapped[str] = mapped_column(String(20))
    issue_id: Mapped[str] = mapped_column(ForeignKey("loop_issues.id"), index=True)
    related_issue_id: Mapped[str] = mapped_column(ForeignKey("loop_issues.id"), index=True)
    created_at: Mapped[datetime] = _timestamp()


class Comment(Base):
    __tablename__ = "loop_comments"
    id: Mapped[str] = _id()
    body: Mapped[str] = mapped_column(Text)
    issue_id: Mapped[str] = mapped_column(ForeignKey("loop_issues.id"), index=True)
    author_name: Mapped[str] = mapped_column(Text)
    author_type: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("loop_comments.id"), index=True)
    created_at: Mapped[datetime] = _timestamp()


class SignalSeverity(enum.Enum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class VersionStatus(enum.Enum):
    active = "active"
    draft = "draft"
    retired = "retired"


class Signal(Base):
    __tablename__ = "loop_signals"
    id: Mapped[str] = _id()
    source: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    issue_id: Mapped[str] = mapped_column(ForeignKey("loop_issues.id"), index=True)
    created_at: Mapped[datetime] = _timestamp()


class PromptTemplate(Base):
    __tablename__ = "loop_prompt_templates"
    id: Mapped[str] = _id()
    slug: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    conditions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    specificity: Mapped[int] = mapped_column(Integer, default=10)
    project_id: Mapped[str | None] = mapped_column(ForeignKey("loop_projects.id"), index=True)
    active_version_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = _timestamp()
    updated_at: Mapped[datetime] = _timestamp()
    deleted_at: Mapped[datetime | None] = _timestamp(nullable=True)

    # Like label names: slugs are never reused (the service checks), and live ones are unique.
    __table_args__ = (
        Index(
            "uq_loop_prompt_templates_live_slug",
            "slug",
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
            sqlite_where=text("deleted_at IS NULL"),
        ),
    )


class PromptVersion(Base):
    __tablename__ = "loop_prompt_versions"
    id: Mapped[str] = _id()
    template_id: Mapped[str] = mapped_column(ForeignKey("loop_prompt_templates.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    changelog: Mapped[str | None] = mapped_column(Text)
    author_type: Mapped[str] = mapped_column(String(20))
    author_name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=VersionStatus.draft.value)
    usage_count: Mapped[int] = mapped_column(Integer, default=0)
    completion_rate: Mapped[float | None] = mapped_column(Float)
    avg_duration_ms: Mapped[float | None] = mapped_column(Float)
    review_score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = _timestamp()

    __table_args__ = (
        Index("uq_loop_prompt_versions_number", "template_id", "version", unique=True),
    )


class PromptReview(Base):
    __tablename__ = "loop_prompt_reviews"
    id: Mapped[str] = _id()
    version_id: Mapped[str] = mapped_column(ForeignKey("loop_prompt_versions.id"), index=True)
    issue_id: Mapped[str] = mapped_column(ForeignKey("loop_issues.id"), index=True)
    clarity: Mapped[int] = mapped_column(Integer)
    completeness: Mapped[int] = mapped_column(Integer)
    relevance: Mapped[int] = mapped_column(Integer)
    feedback: Mapped[str | None] = mapped_column(Text)
    author_type: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = _timestamp()
