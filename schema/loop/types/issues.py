"""Issues and what they relate to (labels, relations, comments, projects and goals), pages of
them, and the service's health. Field names match Loop's REST JSON (camelCase); every relation
resolves through a per-request dataloader."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import strawberry
from strawberry.types import Info

from schema._shared.relations import related
from schema._shared.rows import from_rows
from schema._shared.scalars import JSONObject

from ..loaders import (
    ChildrenByParentId,
    GoalById,
    IssueById,
    IssueCountsByProjectId,
    LabelsByIssueId,
    ProjectById,
    RelationsByIssueId,
    RepliesByCommentId,
)
from ..models import (
    AuthorType,
    GoalStatus,
    IssueStatus,
    IssueType,
    ProjectHealth,
    ProjectStatus,
    RelationType,
)

if TYPE_CHECKING:
    from ..context import LoopContext

    LoopInfo = Info[LoopContext, None]
else:
    LoopInfo = Info

for enum_type in (
    IssueType,
    IssueStatus,
    RelationType,
    AuthorType,
    ProjectStatus,
    ProjectHealth,
    GoalStatus,
):
    strawberry.enum(enum_type)

T = TypeVar("T")


@strawberry.type(description="One page of a list, with the total count of matching records.")
class Page(Generic[T]):
    items: list[T]
    total: int


@strawberry.type
class Label:
    id: strawberry.ID
    name: str
    color: str
    created_at: datetime
    deleted_at: datetime | None


@strawberry.type
class IssueRelation:
    id: strawberry.ID
    type: RelationType
    issue_id: strawberry.ID
    related_issue_id: strawberry.ID
    created_at: datetime


@strawberry.type
class Goal:
    id: strawberry.ID
    title: str
    description: str | None
    metric: str | None
    target_value: float | None
    current_value: float | None
    unit: str | None
    status: GoalStatus
    project_id: strawberry.ID | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


@strawberry.type
class Project:
    id: strawberry.ID
    name: str
    description: str | None
    status: ProjectStatus
    health: ProjectHealth
    goal_id: strawberry.ID | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None

    goal: Goal | None = related(
        GoalById, key="goal_id", description="The goal this project tracks."
    )

    @strawberry.field(description="Live issues of this project counted by status.")
    async def issue_counts(self, info: LoopInfo) -> JSONObject:
        counts = await info.context.loaders[IssueCountsByProjectId].load(self.id)
        return dict(counts)


@strawberry.type
class Issue:
    id: strawberry.ID
    number: int
    title: str
    description: str | None
    type: IssueType
    status: IssueStatus
    priority: int
    parent_id: strawberry.ID | None
    project_id: strawberry.ID | None
    signal_source: str | None
    signal_payload: JSONObject | None
    hypothesis: JSONObject | None
    agent_session_id: str | None
    agent_summary: str | None
    commits: list[JSONObject] | None
    pull_requests: list[JSONObject] | None
    completed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None

    parent: Issue | None = related(IssueById, key="parent_id")
    children: list[Issue] = related(
        ChildrenByParentId, description="Live sub-issues, oldest first."
    )
    labels: list[Label] = related(LabelsByIssueId)
    relations: list[IssueRelation] = related(
        RelationsByIssueId, description="Relations this issue declares to other issues."
    )
    project: Project | None = related(ProjectById, key="project_id")


@strawberry.type
class Comment:
    id: strawberry.ID
    body: str
    issue_id: strawberry.ID
    author_name: str
    author_type: AuthorType
    parent_id: strawberry.ID | None
    created_at: datetime

    replies: list[Comment] = related(
        RepliesByCommentId, description="Replies to a top-level comment, oldest first."
    )


@strawberry.type
class Health:
    ok: bool
    service: str
    timestamp: datetime


@strawberry.type
class ServiceInfo:
    name: str
    version: str


def page_of(cls: type[T], rows: list[Any], total: int) -> Page[T]:
    return Page(items=from_rows(cls, rows), total=total)
