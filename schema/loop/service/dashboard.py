"""Dashboard: system health, activity chains and prompt health, as Loop computes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row as Record
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow

from .. import repository as repo
from ..models import Issue, PromptTemplate, PromptVersion

RECENT_VERSIONS = 5


async def stats(session: AsyncSession) -> dict[str, Any]:
    by_status = await repo.issue_counts(session, Issue.status)
    goals = await repo.goal_counts(session)
    since = utcnow() - timedelta(hours=24)
    return {
        "issues": {
            "total": sum(by_status.values()),
            "byStatus": by_status,
            "byType": await repo.issue_counts(session, Issue.type),
        },
        "goals": {
            "total": sum(goals.values()),
            "active": goals.get("active", 0),
            "achieved": goals.get("achieved", 0),
        },
        "dispatch": {
            "queueDepth": await repo.count_issues(session, *repo.dispatchable(None)),
            "activeCount": by_status.get("in_progress", 0),
            "completedLast24h": await repo.count_issues(
                session, Issue.status == "done", Issue.completed_at >= since
            ),
        },
    }


@dataclass(frozen=True)
class Chain:
    root: Issue
    # Plain rows of the children and of their relations.
    children: list[tuple[Record[Any], list[Record[Any]]]]

    @property
    def latest_activity(self) -> datetime:
        moments: list[datetime] = [self.root.updated_at]
        moments += (child.updated_at for child, _ in self.children)
        return max(moments)


async def activity(session: AsyncSession, limit: int) -> tuple[list[Chain], int]:
    """Root issues with their children and the children's relations, most recent first."""
    roots = await repo.root_issues(session)
    children = await repo.children_by_parent_ids(session, [root.id for root in roots])
    relations = await repo.relations_by_issue_ids(session, [child.id for child in children])
    by_issue: dict[str, list[Record[Any]]] = {}
    for relation in relations:
        by_issue.setdefault(relation.issue_id, []).append(relation)
    chains = [
        Chain(root, [(c, by_issue.get(c.id, [])) for c in children if c.parent_id == root.id])
        for root in roots
    ]
    chains.sort(key=lambda chain: chain.latest_activity, reverse=True)
    return chains[:limit], len(chains)


@dataclass(frozen=True)
class PromptHealth:
    template: PromptTemplate
    active_version: PromptVersion | None
    recent_versions: list[PromptVersion]
    review_summary: dict[str, Any]

    @property
    def needs_attention(self) -> bool:
        score = self.review_summary["compositeScore"]
        rate = self.active_version.completion_rate if self.active_version else None
        return (score is not None and score < 3.0) or (rate is not None and rate < 0.5)


def _summary(
    row: tuple[str, int, float | None, float | None, float | None] | None,
) -> dict[str, Any]:
    if row is None:
        return {
            "totalReviews": 0,
            "avgClarity": None,
            "avgCompleteness": None,
            "avgRelevance": None,
            "compositeScore": None,
        }
    _, total, clarity, completeness, relevance = row
    parts = [value for value in (clarity, completeness, relevance) if value is not None]
    return {
        "totalReviews": total,
        "avgClarity": clarity,
        "avgCompleteness": completeness,
        "avgRelevance": relevance,
        "compositeScore": sum(parts) / len(parts) if parts else None,
    }


async def prompts(session: AsyncSession) -> list[PromptHealth]:
    templates, _ = await repo.page(session, repo.live_rows(PromptTemplate), 10_000, 0)
    ids = [template.id for template in templates]
    recent = await repo.recent_versions_by_template_ids(session, ids, RECENT_VERSIONS)
    active_ids = [t.active_version_id for t in templates if t.active_version_id]
    active = {v.id: v for v in await repo.versions_by_ids(session, active_ids)}
    summaries = {row[0]: row for row in await repo.review_summaries_by_template_ids(session, ids)}
    return [
        PromptHealth(
            template=template,
            active_version=active.get(template.active_version_id or ""),
            recent_versions=[v for v in recent if v.template_id == template.id],
            review_summary=_summary(summaries.get(template.id)),
        )
        for template in templates
    ]
