"""All of Loop's SQL. Functions take the request's session; services decide, this only reads
and writes. Batch readers (`*_by_*`) back the dataloaders and return rows for many keys at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Comment, Counter, Goal, Issue, IssueLabel, IssueRelation, Label, Project

Row = TypeVar("Row", Issue, Label, Project, Goal)


@dataclass(frozen=True)
class IssueFilter:
    statuses: Sequence[str] | None = None
    types: Sequence[str] | None = None
    project_id: str | None = None
    label_id: str | None = None
    priority: int | None = None
    parent_id: str | None = None


async def next_value(session: AsyncSession, counter: str) -> int:
    """Atomically increments a named counter (row lock on PostgreSQL, write lock on SQLite)."""
    bumped = await session.scalar(
        update(Counter)
        .where(Counter.name == counter)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    )
    if bumped is not None:
        return int(bumped)
    session.add(Counter(name=counter, value=1))
    await session.flush()
    return 1


async def page(
    session: AsyncSession, query: Select[Row], limit: int, offset: int
) -> tuple[list[Row], int]:
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(query.limit(limit).offset(offset))
    return list(rows), total or 0


async def live(session: AsyncSession, model: type[Row], id: str) -> Row | None:
    """The row with this id unless it is soft-deleted."""
    return await session.scalar(select(model).where(model.id == id, model.deleted_at.is_(None)))


async def by_ids(session: AsyncSession, model: type[Row], ids: Sequence[str]) -> list[Row]:
    return list(await session.scalars(select(model).where(model.id.in_(ids))))


def live_rows(model: type[Row]) -> Select[Row]:
    return select(model).where(model.deleted_at.is_(None)).order_by(model.created_at, model.id)


# --- issues ----------------------------------------------------------------------------------


def issue_query(where: IssueFilter) -> Select[Issue]:
    query = live_rows(Issue)
    if where.statuses:
        query = query.where(Issue.status.in_(where.statuses))
    if where.types:
        query = query.where(Issue.type.in_(where.types))
    if where.project_id is not None:
        query = query.where(Issue.project_id == where.project_id)
    if where.priority is not None:
        query = query.where(Issue.priority == where.priority)
    if where.parent_id is not None:
        query = query.where(Issue.parent_id == where.parent_id)
    if where.label_id is not None:
        tagged = select(IssueLabel.issue_id).where(IssueLabel.label_id == where.label_id)
        query = query.where(Issue.id.in_(tagged))
    return query


async def has_children(session: AsyncSession, issue_id: str) -> bool:
    child = await session.scalar(
        select(Issue.id).where(Issue.parent_id == issue_id, Issue.deleted_at.is_(None)).limit(1)
    )
    return child is not None


async def children_by_parent_ids(session: AsyncSession, parent_ids: Sequence[str]) -> list[Issue]:
    return list(await session.scalars(live_rows(Issue).where(Issue.parent_id.in_(parent_ids))))


async def add_labels(session: AsyncSession, issue_id: str, label_ids: Sequence[str]) -> None:
    session.add_all(IssueLabel(issue_id=issue_id, label_id=label_id) for label_id in label_ids)
    await session.flush()


async def labels_by_issue_ids(
    session: AsyncSession, issue_ids: Sequence[str]
) -> list[tuple[str, Label]]:
    rows = await session.execute(
        select(IssueLabel.issue_id, Label)
        .join(Label, Label.id == IssueLabel.label_id)
        .where(IssueLabel.issue_id.in_(issue_ids), Label.deleted_at.is_(None))
        .order_by(Label.name)
    )
    return [(issue_id, label) for issue_id, label in rows.tuples()]


async def issue_counts_by_project_ids(
    session: AsyncSession, project_ids: Sequence[str]
) -> list[tuple[str, str, int]]:
    rows = await session.execute(
        select(Issue.project_id, Issue.status, func.count())
        .where(Issue.project_id.in_(project_ids), Issue.deleted_at.is_(None))
        .group_by(Issue.project_id, Issue.status)
    )
    return [(project_id or "", status, count) for project_id, status, count in rows.tuples()]


# --- relations and comments ------------------------------------------------------------------


async def relations_by_issue_ids(
    session: AsyncSession, issue_ids: Sequence[str]
) -> list[IssueRelation]:
    query = (
        select(IssueRelation)
        .where(IssueRelation.issue_id.in_(issue_ids))
        .order_by(IssueRelation.created_at, IssueRelation.id)
    )
    return list(await session.scalars(query))


async def relation(session: AsyncSession, id: str) -> IssueRelation | None:
    return await session.get(IssueRelation, id)


async def top_level_comments(session: AsyncSession, issue_id: str) -> list[Comment]:
    query = (
        select(Comment)
        .where(Comment.issue_id == issue_id, Comment.parent_id.is_(None))
        .order_by(Comment.created_at, Comment.id)
    )
    return list(await session.scalars(query))


async def replies_by_parent_ids(session: AsyncSession, parent_ids: Sequence[str]) -> list[Comment]:
    query = (
        select(Comment)
        .where(Comment.parent_id.in_(parent_ids))
        .order_by(Comment.created_at, Comment.id)
    )
    return list(await session.scalars(query))


async def comment(session: AsyncSession, id: str) -> Comment | None:
    return await session.get(Comment, id)


# --- labels ----------------------------------------------------------------------------------


async def live_label_named(session: AsyncSession, name: str) -> Label | None:
    return await session.scalar(select(Label).where(Label.name == name, Label.deleted_at.is_(None)))


async def live_label_ids(session: AsyncSession, ids: Sequence[str]) -> set[str]:
    found = await session.scalars(
        select(Label.id).where(Label.id.in_(ids), Label.deleted_at.is_(None))
    )
    return set(found)


async def save(session: AsyncSession, row: Any) -> None:
    session.add(row)
    await session.flush()


async def delete(session: AsyncSession, row: Any) -> None:
    await session.delete(row)
    await session.flush()
