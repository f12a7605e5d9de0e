"""The dashboard's counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import table_of

from ..models import Goal, Issue
from .dispatch import dispatchable

ISSUES, GOALS = table_of(Issue), table_of(Goal)


async def issues_by(session: AsyncSession, column: str) -> dict[str, int]:
    """Live issues counted by one of their columns (`status`, `type`)."""
    return await _counts(session, ISSUES.c[column], ISSUES.c.deleted_at.is_(None))


async def goals_by_status(session: AsyncSession) -> dict[str, int]:
    return await _counts(session, GOALS.c.status, GOALS.c.deleted_at.is_(None))


async def _counts(
    session: AsyncSession, column: ColumnElement[Any], live: ColumnElement[bool]
) -> dict[str, int]:
    found = await session.execute(select(column, func.count()).where(live).group_by(column))
    return {key: count for key, count in found}


async def queue_depth(session: AsyncSession) -> int:
    """Claimable issues in every project."""
    return await _count_issues(session, *dispatchable(None))


async def completed_since(session: AsyncSession, since: datetime) -> int:
    issue = ISSUES.c
    return await _count_issues(session, issue.status == "done", issue.completed_at >= since)


async def _count_issues(session: AsyncSession, *where: ColumnElement[bool]) -> int:
    total = await session.scalar(
        select(func.count()).select_from(ISSUES).where(ISSUES.c.deleted_at.is_(None), *where)
    )
    return int(total or 0)
