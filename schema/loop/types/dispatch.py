"""Dispatch: a claimed issue with its prompt, and the ranked queue of claimable issues."""

from __future__ import annotations

import strawberry

from schema._shared.rows import from_row

from ..service import dispatch, prompts
from .issues import Issue


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
