"""GraphQL types of Loop's engine: signals, prompt templates and reviews, dispatch and the
dashboard. Field names match Loop's REST JSON."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.relations import related
from schema._shared.rows import from_row, from_rows
from schema._shared.scalars import JSONObject

from . import dashboard, dispatch, prompts, signals
from .models import AuthorType, SignalSeverity, VersionStatus
from .types import Issue, IssueRelation

for enum_type in (SignalSeverity, VersionStatus):
    strawberry.enum(enum_type)


@strawberry.type
class Signal:
    id: strawberry.ID
    source: str
    source_id: str | None
    type: str
    severity: SignalSeverity
    payload: JSONObject
    issue_id: strawberry.ID
    created_at: datetime


@strawberry.type(description="A signal and the triage issue created with it.")
class SignalIngestion:
    signal: Signal
    issue: Issue

    @classmethod
    def of(cls, ingested: signals.Ingested) -> SignalIngestion:
        return cls(signal=from_row(Signal, ingested.signal), issue=from_row(Issue, ingested.issue))


@strawberry.type
class PromptVersion:
    id: strawberry.ID
    template_id: strawberry.ID
    version: int
    content: str
    changelog: str | None
    author_type: AuthorType
    author_name: str
    status: VersionStatus
    usage_count: int
    completion_rate: float | None
    avg_duration_ms: float | None
    review_score: float | None
    created_at: datetime


@strawberry.type
class PromptTemplate:
    id: strawberry.ID
    slug: str
    name: str
    description: str | None
    conditions: JSONObject
    specificity: int
    project_id: strawberry.ID | None
    active_version_id: strawberry.ID | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None

    active_version: PromptVersion | None = related("version_by_id", key="active_version_id")


@strawberry.type
class PromptReview:
    id: strawberry.ID
    version_id: strawberry.ID
    issue_id: strawberry.ID
    clarity: int
    completeness: int
    relevance: int
    feedback: str | None
    author_type: AuthorType
    created_at: datetime


@strawberry.type(description="Which template an issue would get, and its hydrated prompt.")
class TemplatePreview:
    issue: Issue
    template: PromptTemplate | None
    version: PromptVersion | None
    prompt: str | None
    message: str


@strawberry.type
class DispatchMeta:
    template_slug: str
    template_id: strawberry.ID
    version_id: strawberry.ID
    version_number: int
    review_url: str


@strawberry.type(description="An issue claimed for an agent, with its hydrated prompt.")
class DispatchClaim:
    issue: Issue
    prompt: str | None
    meta: DispatchMeta | None

    @classmethod
    def of(cls, claim: dispatch.Claim) -> DispatchClaim:
        chosen = claim.selection
        meta = None
        if chosen is not None:
            meta = DispatchMeta(
                template_slug=chosen.template.slug,
                template_id=strawberry.ID(chosen.template.id),
                version_id=strawberry.ID(chosen.version.id),
                version_number=chosen.version.version,
                review_url=prompts.REVIEW_URL,
            )
        prompt = chosen.prompt if chosen else None
        return cls(issue=from_row(Issue, claim.issue), prompt=prompt, meta=meta)


@strawberry.type
class ScoreBreakdown:
    priority_weight: int
    goal_bonus: int
    age_bonus: int
    type_bonus: int


@strawberry.type(description="An eligible issue with its dispatch score.")
class QueueEntry:
    issue: Issue
    score: int
    breakdown: ScoreBreakdown

    @classmethod
    def of(cls, ranked: dispatch.Ranked) -> QueueEntry:
        return cls(
            issue=from_row(Issue, ranked.issue),
            score=ranked.score,
            breakdown=ScoreBreakdown(**ranked.breakdown),
        )


@strawberry.type
class IssueStats:
    total: int
    by_status: JSONObject
    by_type: JSONObject


@strawberry.type
class GoalStats:
    total: int
    active: int
    achieved: int


@strawberry.type
class DispatchStats:
    queue_depth: int
    active_count: int
    completed_last24h: int = strawberry.field(name="completedLast24h")


@strawberry.type
class DashboardStats:
    issues: IssueStats
    goals: GoalStats
    dispatch: DispatchStats


@strawberry.type
class ActivityChild:
    issue: Issue
    relations: list[IssueRelation]


@strawberry.type(description="A root issue with its children: one chain of related work.")
class ActivityChain:
    root: Issue
    children: list[ActivityChild]
    latest_activity: datetime

    @classmethod
    def of(cls, chain: dashboard.Chain) -> ActivityChain:
        children = [
            ActivityChild(
                issue=from_row(Issue, child),
                relations=from_rows(IssueRelation, relations),
            )
            for child, relations in chain.children
        ]
        return cls(
            root=from_row(Issue, chain.root),
            children=children,
            latest_activity=chain.latest_activity,
        )


@strawberry.type
class ReviewSummary:
    total_reviews: int
    avg_clarity: float | None
    avg_completeness: float | None
    avg_relevance: float | None
    composite_score: float | None


@strawberry.type(description="A template's versions and review scores, flagged when unhealthy.")
class PromptHealth:
    template: PromptTemplate
    active_version: PromptVersion | None
    recent_versions: list[PromptVersion]
    review_summary: ReviewSummary
    needs_attention: bool

    @classmethod
    def of(cls, health: dashboard.PromptHealth) -> PromptHealth:
        summary = health.review_summary
        return cls(
            template=from_row(PromptTemplate, health.template),
            active_version=(
                from_row(PromptVersion, health.active_version) if health.active_version else None
            ),
            recent_versions=from_rows(PromptVersion, health.recent_versions),
            review_summary=ReviewSummary(
                total_reviews=summary["totalReviews"],
                avg_clarity=summary["avgClarity"],
                avg_completeness=summary["avgCompleteness"],
                avg_relevance=summary["avgRelevance"],
                composite_score=summary["compositeScore"],
            ),
            needs_attention=health.needs_attention,
        )
