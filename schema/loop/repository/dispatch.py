"""Dispatch's ranking and claim, in SQL: the score is computed in the database so that ranking
and claiming agree and the claim takes one statement."""

from __future__ import annotations

import operator
from datetime import datetime
from functools import reduce
from typing import Any

from sqlalchemy import ColumnElement, Integer, case, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Row, dialect_of, table_of

from ..models import Goal, Issue, IssueRelation, Project

PRIORITY_WEIGHT = {1: 100, 2: 75, 3: 50, 4: 25}
TYPE_BONUS = {"signal": 50, "hypothesis": 40, "plan": 30, "task": 20, "monitor": 10}
GOAL_BONUS = 20
FINISHED = ("done", "canceled")
ISSUES, RELATIONS = table_of(Issue), table_of(IssueRelation)
GOALS, PROJECTS = table_of(Goal), table_of(Project)


def _age_days(dialect: str, now: datetime) -> ColumnElement[Any]:
    if dialect == "postgresql":
        seconds = func.extract("epoch", literal(now) - ISSUES.c.created_at)
        return func.floor(seconds / 86400)
    return func.cast(
        func.julianday(literal(now.isoformat())) - func.julianday(ISSUES.c.created_at), Integer
    )


def score_columns(dialect: str, now: datetime) -> dict[str, ColumnElement[Any]]:
    """The dispatch score's parts as SQL, so the ranking and the claim happen in the database."""
    issue, goal, project = ISSUES.c, GOALS.c, PROJECTS.c
    active_goal = (
        select(goal.id)
        .join_from(GOALS, PROJECTS, project.goal_id == goal.id)
        .where(project.id == issue.project_id, goal.status == "active", goal.deleted_at.is_(None))
        .exists()
    )
    return {
        "priority_weight": case(PRIORITY_WEIGHT, value=issue.priority, else_=10),
        "goal_bonus": case((active_goal, GOAL_BONUS), else_=0),
        "age_bonus": _age_days(dialect, now),
        "type_bonus": case(TYPE_BONUS, value=issue.type, else_=0),
    }


def dispatchable(project_id: str | None) -> list[ColumnElement[bool]]:
    """Todo, live, and not blocked by an unfinished issue."""
    issue, relation = ISSUES.c, RELATIONS.c
    blocker = ISSUES.alias("blocker")
    blocked = (
        select(relation.id)
        .join_from(RELATIONS, blocker, blocker.c.id == relation.related_issue_id)
        .where(
            relation.issue_id == issue.id,
            relation.type == "blocked_by",
            blocker.c.status.not_in(FINISHED),
            blocker.c.deleted_at.is_(None),
        )
        .exists()
    )
    where = [issue.status == "todo", issue.deleted_at.is_(None), ~blocked]
    if project_id is not None:
        where.append(issue.project_id == project_id)
    return where


async def ranked_queue(
    session: AsyncSession, project_id: str | None, now: datetime
) -> list[tuple[Row, dict[str, int]]]:
    """Every claimable issue with its score's parts (the row holds them after its columns)."""
    parts = score_columns(dialect_of(session), now)
    found = await session.execute(
        select(*ISSUES.c, *(column.label(name) for name, column in parts.items())).where(
            *dispatchable(project_id)
        )
    )
    return [(row, {name: int(row._mapping[name]) for name in parts}) for row in found]


async def claim_next(session: AsyncSession, project_id: str | None, now: datetime) -> Row | None:
    """One statement on either backend: rank, lock the winner (skipping rows another claimer holds
    on PostgreSQL; SQLite serialises writers) and move it to in_progress."""
    parts = score_columns(dialect_of(session), now)
    issue = ISSUES.c
    winner = (
        select(issue.id)
        .where(*dispatchable(project_id))
        .order_by(reduce(operator.add, parts.values()).desc(), issue.created_at, issue.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    claimed = await session.execute(
        update(ISSUES)
        .where(issue.id == winner, issue.status == "todo")
        .values(status="in_progress", updated_at=now)
        .returning(*ISSUES.c)
    )
    return claimed.first()
