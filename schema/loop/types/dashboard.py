"""The dashboard: system health, chains of related work and the health of each prompt."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.rows import from_row, from_rows
from schema._shared.scalars import JSONObject

from ..service import dashboard
from .issues import Issue, IssueRelation
from .prompts import PromptTemplate, PromptVersion


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
