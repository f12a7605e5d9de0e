"""Loop's input types, with the product's validation limits declared as `@constraints`."""

from __future__ import annotations

from typing import Any

import strawberry

from schema._shared.constraints import Closed, Constraints, nullable, required, rules
from schema._shared.scalars import JSONObject

from ..models import (
    AuthorType,
    GoalStatus,
    IssueStatus,
    IssueType,
    ProjectHealth,
    ProjectStatus,
    RelationType,
    SignalSeverity,
)

UNSET: Any = strawberry.UNSET


TITLE: dict[str, Any] = {"min_length": 1, "max_length": 500}
PRIORITY: dict[str, Any] = {"minimum": 0, "maximum": 4}


@strawberry.input
class HypothesisInput:
    statement: str
    confidence: float = required(minimum=0, maximum=1)
    evidence: list[str]
    validation_criteria: str
    prediction: str | None = rules()


@strawberry.input
class CreateIssueInput:
    title: str = required(**TITLE)
    type: IssueType
    description: str | None = rules()
    status: IssueStatus = IssueStatus.triage
    priority: int = strawberry.field(default=0, directives=[Constraints(**PRIORITY)])
    parent_id: strawberry.ID | None = rules()
    project_id: strawberry.ID | None = rules()
    signal_source: str | None = rules()
    signal_payload: JSONObject | None = rules()
    hypothesis: HypothesisInput | None = rules()
    label_ids: list[strawberry.ID] | None = rules()


@strawberry.input
class UpdateIssueInput:
    title: str | None = rules(**TITLE)
    description: str | None = rules()
    type: IssueType | None = rules()
    status: IssueStatus | None = rules()
    priority: int | None = rules(**PRIORITY)
    parent_id: strawberry.ID | None = nullable()
    project_id: strawberry.ID | None = nullable()
    signal_source: str | None = rules()
    signal_payload: JSONObject | None = rules()
    hypothesis: HypothesisInput | None = nullable()


@strawberry.input
class CreateRelationInput:
    type: RelationType
    related_issue_id: strawberry.ID


@strawberry.input
class CreateCommentInput:
    body: str = required(min_length=1)
    author_name: str = required(min_length=1)
    author_type: AuthorType
    parent_id: strawberry.ID | None = rules()


@strawberry.input
class CreateLabelInput:
    name: str = required(min_length=1, max_length=100)
    color: str = required(min_length=1, max_length=50)


@strawberry.input
class CreateProjectInput:
    name: str = required(**TITLE)
    description: str | None = rules()
    status: ProjectStatus = ProjectStatus.backlog
    health: ProjectHealth = ProjectHealth.on_track
    goal_id: strawberry.ID | None = rules()


@strawberry.input
class UpdateProjectInput:
    name: str | None = rules(**TITLE)
    description: str | None = rules()
    status: ProjectStatus | None = rules()
    health: ProjectHealth | None = rules()
    goal_id: strawberry.ID | None = nullable()


@strawberry.input
class CreateGoalInput:
    title: str = required(**TITLE)
    description: str | None = rules()
    metric: str | None = rules()
    target_value: float | None = rules()
    current_value: float | None = rules()
    unit: str | None = rules()
    status: GoalStatus = GoalStatus.active
    project_id: strawberry.ID | None = rules()


@strawberry.input
class UpdateGoalInput:
    title: str | None = rules(**TITLE)
    description: str | None = nullable()
    metric: str | None = nullable()
    target_value: float | None = nullable()
    current_value: float | None = nullable()
    unit: str | None = nullable()
    status: GoalStatus | None = rules()
    project_id: strawberry.ID | None = nullable()


@strawberry.input
class SignalInput:
    source: str = required(min_length=1)
    source_id: str | None = rules()
    type: str = required(min_length=1)
    severity: SignalSeverity
    payload: JSONObject
    project_id: strawberry.ID | None = rules()


@strawberry.input(
    description="When a template applies; every condition given must hold.",
    directives=[Closed()],  # Loop refuses unknown conditions, which would match everything
)
class TemplateConditionsInput:
    type: IssueType | None = rules()
    signal_source: str | None = rules()
    labels: list[str] | None = rules()
    project_id: strawberry.ID | None = rules()
    has_failed_sessions: bool | None = rules()
    hypothesis_confidence: float | None = rules(minimum=0, maximum=1)


SLUG: dict[str, Any] = {"min_length": 1, "max_length": 200, "pattern": r"[a-z0-9]+(?:-[a-z0-9]+)*"}
SPECIFICITY: dict[str, Any] = {"minimum": 0, "maximum": 100}


@strawberry.input
class CreateTemplateInput:
    slug: str = required(**SLUG)
    name: str = required(**TITLE)
    description: str | None = rules()
    conditions: TemplateConditionsInput | None = rules()
    specificity: int = strawberry.field(default=10, directives=[Constraints(**SPECIFICITY)])
    project_id: strawberry.ID | None = rules()


@strawberry.input
class UpdateTemplateInput:
    name: str | None = rules(**TITLE)
    description: str | None = rules()
    conditions: TemplateConditionsInput | None = rules()
    specificity: int | None = rules(**SPECIFICITY)
    project_id: strawberry.ID | None = nullable()


@strawberry.input
class CreateVersionInput:
    content: str = required(min_length=1)
    changelog: str | None = rules()
    author_type: AuthorType
    author_name: str = required(min_length=1)


SCORE: dict[str, Any] = {"minimum": 1, "maximum": 5}


@strawberry.input
class PromptReviewInput:
    version_id: strawberry.ID
    issue_id: strawberry.ID
    clarity: int = required(**SCORE)
    completeness: int = required(**SCORE)
    relevance: int = required(**SCORE)
    feedback: str | None = rules()
    author_type: AuthorType
