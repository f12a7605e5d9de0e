"""Dispatch: agents claim the best eligible issue, each exactly once, with its prompt."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from schema._shared.repository import Row

from ..repository import dispatch
from ..repository.prompts import versions
from .hydration import Selection, select_and_hydrate


@dataclass(frozen=True)
class Claim:
    issue: Row
    selection: Selection | None


@dataclass(frozen=True)
class Ranked:
    issue: Row
    breakdown: dict[str, int]

    @property
    def score(self) -> int:
        return sum(self.breakdown.values())


async def claim_next(
    session: AsyncSession, project_id: str | None, *, loop_url: str, loop_token: str
) -> Claim | None:
    """Claims atomically (see `repository.dispatch.claim_next`), then hydrates the prompt and
    counts the chosen version's use; None when nothing is claimable."""
    issue = await dispatch.claim_next(session, project_id, utcnow())
    if issue is None:
        return None
    selection = await select_and_hydrate(session, issue, loop_url=loop_url, loop_token=loop_token)
    if selection is not None:
        await versions.count_use(session, selection.version.id)
    return Claim(issue, selection)


async def queue(
    session: AsyncSession, project_id: str | None, limit: int, offset: int
) -> tuple[list[Ranked], int]:
    """The same ranking the claim uses, read-only, best first."""
    rows = await dispatch.ranked_queue(session, project_id, utcnow())
    ranked = sorted(
        (Ranked(issue, breakdown) for issue, breakdown in rows),
        key=lambda item: (-item.score, item.issue.created_at, item.issue.id),
    )
    return ranked[offset : offset + limit], len(ranked)
