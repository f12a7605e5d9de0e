"""Dashboard: system health, activity chains and prompt health, as Loop computes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from schema._shared.repository import Row

from ..repository import dashboard as counts
from ..repository.issues import issues, relations
from ..repository.prompts import reviews, templates, versions

RECENT_VERSIONS = 5


async def stats(session: AsyncSession) -> dict[str, Any]:
    by_status = await counts.issues_by(session, "status")
    goals = await counts.goals_by_status(session)
    since = utcnow() - timedelta(hours=24)
    return {
        "issues": {
            "total": sum(by_status.values()),
            "byStatus": by_status,
            "byType": await counts.issues_by(session, "type"),
        },
        "goals": {
            "total": sum(goals.values()),
            "active": goals.get("active", 0),
            "achieved": goals.get("achieved", 0),
        },
        "dispatch": {
            "queueDepth": await counts.queue_depth(session),
            "activeCount": by_status.get("in_progress", 0),
            "completedLast24h": await counts.completed_since(session, since),
        },
    }


@dataclass(frozen=True)
class Chain:
    root: Row
    # The children, each with its relations.
    children: list[tuple[Row, list[Row]]]

    @property
    def latest_activity(self) -> datetime:
        moments: list[datetime] = [self.root.updated_at]
        moments += (child.updated_at for child, _ in self.children)
        return max(moments)


async def activity(session: AsyncSession, limit: int) -> tuple[list[Chain], int]:
    """Root issues with their children and the children's relations, most recent first."""
    roots = await issues.roots(session)
    children = await issues.children_by_parent_ids(session, [root.id for root in roots])
    declared = await relations.by_issue_ids(session, [child.id for child in children])
    by_issue: dict[str, list[Row]] = {}
    for relation in declared:
        by_issue.setdefault(relation.issue_id, []).append(relation)
    chains = [
        Chain(root, [(c, by_issue.get(c.id, [])) for c in children if c.parent_id == root.id])
        for root in roots
    ]
    chains.sort(key=lambda chain: chain.latest_activity, reverse=True)
    return chains[:limit], len(chains)


@dataclass(frozen=True)
class PromptHealth:
    template: Row
    active_version: Row | None
    recent_versions: list[Row]
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
    live, _ = await templates.page(session, 10_000, 0)
    ids = [template.id for template in live]
    recent = await versions.recent_by_template_ids(session, ids, RECENT_VERSIONS)
    active_ids = [t.active_version_id for t in live if t.active_version_id]
    active = {v.id: v for v in await versions.by_ids(session, active_ids)}
    summaries = {row[0]: row for row in await reviews.summaries_by_template_ids(session, ids)}
    return [
        PromptHealth(
            template=template,
            active_version=active.get(template.active_version_id or ""),
            recent_versions=[v for v in recent if v.template_id == template.id],
            review_summary=_summary(summaries.get(template.id)),
        )
        for template in live
    ]
