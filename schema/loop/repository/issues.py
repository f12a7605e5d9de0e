"""Issues, their labels, relations and comments, and the signals that open triage issues."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import (
    Paged,
    Records,
    Row,
    key_in,
    live_select,
    paged,
    read_batch,
    read_page,
    rows,
    table_of,
)

from ..models import Comment, Counter, Issue, IssueLabel, IssueRelation, Label, Signal

ISSUES, LABELS, ISSUE_LABELS = table_of(Issue), table_of(Label), table_of(IssueLabel)
RELATIONS, COMMENTS, COUNTERS = table_of(IssueRelation), table_of(Comment), table_of(Counter)


@dataclass(frozen=True)
class IssueFilter:
    statuses: Sequence[str] | None = None
    types: Sequence[str] | None = None
    project_id: str | None = None
    label_id: str | None = None
    priority: int | None = None
    parent_id: str | None = None


class Issues(Records):
    async def page_matching(
        self, session: AsyncSession, where: IssueFilter, limit: int, offset: int
    ) -> tuple[list[Row], int]:
        """Live issues matching the filter, oldest first, and how many there are in all."""
        given = {name: value for name, value in vars(where).items() if value not in (None, [], ())}
        return await read_page(session, _filtered(tuple(given)), given, limit, offset)

    async def children_by_parent_ids(
        self, session: AsyncSession, parent_ids: Sequence[str]
    ) -> list[Row]:
        """Live sub-issues, oldest first."""
        return await read_batch(session, _children_by_parent_ids, parent_ids)

    async def has_children(self, session: AsyncSession, issue_id: str) -> bool:
        return bool((await rows(session, _has_children(), {"parent_id": issue_id}))[0][0])

    async def siblings(self, session: AsyncSession, issue: Row) -> list[Row]:
        """The other live children of the issue's parent, oldest first."""
        return await rows(session, _siblings(), {"parent_id": issue.parent_id, "id": issue.id})

    async def roots(self, session: AsyncSession) -> list[Row]:
        """Live issues without a parent, oldest first."""
        return await rows(session, _roots(), {})

    async def related_to(self, session: AsyncSession, issue_id: str, type: str) -> list[Row]:
        """The issues this one declares a relation of `type` to, by number."""
        return await rows(session, _related(), {"issue_id": issue_id, "type": type})

    async def open_titled(self, session: AsyncSession, prefix: str) -> Row | None:
        """A live, unfinished issue whose title starts with `prefix`."""
        found = await session.execute(
            live_select(
                ISSUES,
                ISSUES.c.title.startswith(prefix, autoescape=True),
                ISSUES.c.status.not_in(("done", "canceled")),
            ).limit(1)
        )
        first: Row | None = found.first()
        return first

    async def counts_by_project_ids(
        self, session: AsyncSession, project_ids: Sequence[str]
    ) -> list[tuple[str, str, int]]:
        """Live issues counted by project and status."""
        found = await read_batch(session, _counts_by_project_ids, project_ids)
        return [(project_id, status, count) for project_id, status, count in found]

    async def exist(self, session: AsyncSession) -> bool:
        """Whether any issue was ever created, soft-deleted or not."""
        return bool((await rows(session, _any_issue(), {}))[0][0])

    async def next_number(self, session: AsyncSession) -> int:
        """The next issue number: a named counter bumped atomically (row lock on PostgreSQL,
        write lock on SQLite)."""
        bumped = await session.scalar(
            update(COUNTERS)
            .where(COUNTERS.c.name == "issue")
            .values(value=COUNTERS.c.value + 1)
            .returning(COUNTERS.c.value)
        )
        if bumped is not None:
            return int(bumped)
        await session.execute(insert(COUNTERS).values(name="issue", value=1))
        return 1


@cache
def _filtered(filters: tuple[str, ...]) -> Paged:
    """For the filters given, the count and the page of an issue list, with every value a named
    parameter, so they are built once per set of filters."""
    issue, labelled = ISSUES.c, ISSUE_LABELS.c
    conditions: dict[str, Callable[[], ColumnElement[bool]]] = {
        "statuses": lambda: issue.status.in_(bindparam("statuses", expanding=True)),
        "types": lambda: issue.type.in_(bindparam("types", expanding=True)),
        "project_id": lambda: issue.project_id == bindparam("project_id"),
        "priority": lambda: issue.priority == bindparam("priority"),
        "parent_id": lambda: issue.parent_id == bindparam("parent_id"),
        "label_id": lambda: issue.id.in_(
            select(labelled.issue_id).where(labelled.label_id == bindparam("label_id"))
        ),
    }
    return paged(live_select(ISSUES, *(conditions[name]() for name in filters)))


@cache
def _children_by_parent_ids(dialect: str) -> Select[Any]:
    return live_select(ISSUES, key_in(ISSUES.c.parent_id, dialect))


@cache
def _has_children() -> Select[Any]:
    issue = ISSUES.c
    return select(
        exists().where(issue.parent_id == bindparam("parent_id"), issue.deleted_at.is_(None))
    )


@cache
def _siblings() -> Select[Any]:
    issue = ISSUES.c
    return live_select(
        ISSUES, issue.parent_id == bindparam("parent_id"), issue.id != bindparam("id")
    )


@cache
def _roots() -> Select[Any]:
    return live_select(ISSUES, ISSUES.c.parent_id.is_(None))


@cache
def _related() -> Select[Any]:
    issue, relation = ISSUES.c, RELATIONS.c
    return (
        select(*issue)
        .join_from(ISSUES, RELATIONS, relation.related_issue_id == issue.id)
        .where(relation.issue_id == bindparam("issue_id"), relation.type == bindparam("type"))
        .order_by(issue.number)
    )


@cache
def _counts_by_project_ids(dialect: str) -> Select[Any]:
    issue = ISSUES.c
    return (
        select(issue.project_id, issue.status, func.count())
        .where(key_in(issue.project_id, dialect), issue.deleted_at.is_(None))
        .group_by(issue.project_id, issue.status)
    )


@cache
def _any_issue() -> Select[Any]:
    return select(exists().select_from(ISSUES))


class Labels(Records):
    async def named(self, session: AsyncSession, name: str) -> Row | None:
        """The label with this name, deleted or not: as in Loop, a deleted label keeps its
        name."""
        found = await rows(session, _label_named(), {"name": name})
        return found[0] if found else None

    async def live_ids(self, session: AsyncSession, ids: Sequence[str]) -> set[str]:
        """Which of these ids are live labels'."""
        return {row[0] for row in await read_batch(session, _live_label_ids, ids)}

    async def by_issue_ids(
        self, session: AsyncSession, issue_ids: Sequence[str]
    ) -> list[tuple[str, str, Row]]:
        """Each issue's id with the id and row of one of its live labels, by label name."""
        found: list[Any] = await read_batch(session, _labels_by_issue_ids, issue_ids)
        return [(row[0], row[1], row) for row in found]  # by position: by name costs far more

    async def attach(self, session: AsyncSession, issue_id: str, label_ids: Sequence[str]) -> None:
        await session.execute(
            insert(ISSUE_LABELS),
            [{"issue_id": issue_id, "label_id": label_id} for label_id in label_ids],
        )


@cache
def _label_named() -> Select[Any]:
    return select(*LABELS.c).where(LABELS.c.name == bindparam("name"))


@cache
def _live_label_ids(dialect: str) -> Select[Any]:
    label = LABELS.c
    return select(label.id).where(key_in(label.id, dialect), label.deleted_at.is_(None))


@cache
def _labels_by_issue_ids(dialect: str) -> Select[Any]:
    label, labelled = LABELS.c, ISSUE_LABELS.c
    return (
        select(labelled.issue_id.label("label_issue_id"), *label)
        .join_from(LABELS, ISSUE_LABELS, label.id == labelled.label_id)
        .where(key_in(labelled.issue_id, dialect), label.deleted_at.is_(None))
        .order_by(label.name)
    )


class Relations(Records):
    async def by_issue_ids(self, session: AsyncSession, issue_ids: Sequence[str]) -> list[Row]:
        """The relations these issues declare, oldest first."""
        return await read_batch(session, _relations_by_issue_ids, issue_ids)


@cache
def _relations_by_issue_ids(dialect: str) -> Select[Any]:
    return live_select(RELATIONS, key_in(RELATIONS.c.issue_id, dialect))


class Comments(Records):
    async def top_level(self, session: AsyncSession, issue_id: str) -> list[Row]:
        """An issue's comments that reply to none, oldest first."""
        return await rows(session, _top_level_comments(), {"issue_id": issue_id})

    async def replies_by_comment_ids(
        self, session: AsyncSession, comment_ids: Sequence[str]
    ) -> list[Row]:
        """Replies to these comments, oldest first."""
        return await read_batch(session, _replies_by_comment_ids, comment_ids)


@cache
def _top_level_comments() -> Select[Any]:
    comment = COMMENTS.c
    return live_select(
        COMMENTS, comment.issue_id == bindparam("issue_id"), comment.parent_id.is_(None)
    )


@cache
def _replies_by_comment_ids(dialect: str) -> Select[Any]:
    return live_select(COMMENTS, key_in(COMMENTS.c.parent_id, dialect))


issues = Issues(Issue)
labels = Labels(Label)
relations = Relations(IssueRelation)
comments = Comments(Comment)
signals = Records(Signal)
