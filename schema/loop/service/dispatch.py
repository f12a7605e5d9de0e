"""Dispatch: agents claim the best eligible issue, each exactly once, with its prompt."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow

from .. import repository as repo
from ..models import Issue
from .hydration import Selection, select_and_hydrate


@dataclass(frozen=True)
class Claim:
    issue: Issue
    selection: Selection | None


@dataclass(frozen=True)
class Ranked:
    issue: Issue
    breakdown: dict[str, int]

    @property
    def score(self) -> int:
        return sum(self.breakdown.values())


async def claim_next(
    session: AsyncSession, project_id: str | None, *, loop_url: str, loop_token: str
) -> Claim | None:
    """Claims atomically (see `repository.claim_next`), then hydrates the prompt and counts the
    chosen version's use; None when nothing is claimable."""
    issue = await repo.claim_next(session, project_id, utcnow())
    if issue is None:
        return None
    selection = await select_and_hydrate(session, issue, loop_url=loop_url, loop_token=loop_token)
    if selection is not None:
        await repo.increment_usage(session, selection.version.id)
    return Claim(issue, selection)


async def queue(
    session: AsyncSession, project_id: str | None, limit: int, offset: int
) -> tuple[list[Ranked], int]:
    """The same ranking the claim uses, read-only, best first."""
    rows = await repo.ranked_queue(session, project_id, utcnow())
    ranked = sorted(
        (Ranked(issue, breakdown) for issue, breakdown in rows),
        key=lambda item: (-item.score, item.issue.created_at, item.issue.id),
    )
    return ranked[offset : offset + limit], len(ranked)
