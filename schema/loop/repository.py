"""All of Loop's SQL. Functions take the request's session; services decide, this only reads
and writes. Batch readers (`*_by_*`) back the dataloaders and return rows for many keys at once."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial, reduce
from typing import Any, TypeVar

from sqlalchemy import (
    ARRAY,
    JSON,
    ColumnElement,
    Integer,
    Select,
    String,
    any_,
    bindparam,
    case,
    func,
    literal,
    select,
    update,
)
from sqlalchemy import Row as Record
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.db import SerialSession

from .models import (
    Comment,
    Counter,
    Goal,
    Issue,
    IssueLabel,
    IssueRelation,
    Label,
    Project,
    PromptReview,
    PromptTemplate,
    PromptVersion,
)

Row = TypeVar("Row", Issue, Label, Project, Goal, PromptTemplate)
Item = TypeVar("Item")


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
    session: AsyncSession, query: Select[Item], limit: int, offset: int
) -> tuple[list[Item], int]:
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(query.limit(limit).offset(offset))
    return list(rows), total or 0


# Batch readers run on every request that shows a relation. Their statements are built once per
# dialect, on the tables rather than the ORM classes (so SQLAlchemy runs them as plain Core
# statements), and take all their keys as one parameter: an expanding IN is rendered again on
# every call, and PostgreSQL would prepare a new statement for every number of keys.
def _key_in(column: ColumnElement[Any], dialect: str) -> ColumnElement[bool]:
    if dialect == "postgresql":
        return column == any_(bindparam("keys", type_=ARRAY(String)))
    keys = func.json_each(bindparam("keys", type_=JSON)).table_valued("value")
    return column.in_(select(keys.c.value))


@cache
def _by_ids(model: type[Row], dialect: str) -> Select[Any]:
    table = model.__table__
    return select(*table.c).where(_key_in(table.c.id, dialect))


async def live(session: AsyncSession, model: type[Row], id: str) -> Row | None:
    """The row with this id unless it is soft-deleted."""
    return await session.scalar(select(model).where(model.id == id, model.deleted_at.is_(None)))


async def live_record(session: AsyncSession, model: type[Row], id: str) -> Record[Any] | None:
    """`live` as a plain row, for reads."""
    rows = await _rows(session, _live_by_id(model), {"id": id})
    return rows[0] if rows else None


@cache
def _live_by_id(model: type[Row]) -> Select[Any]:
    table = model.__table__
    return select(*table.c).where(table.c.id == bindparam("id"), table.c.deleted_at.is_(None))


async def by_ids(session: AsyncSession, model: type[Row], ids: Sequence[str]) -> list[Record[Any]]:
    """Plain rows: the dataloaders only read them."""
    return await _read(session, partial(_by_ids, model), ids)


async def _read(
    session: AsyncSession, batch: Callable[[str], Select[Any]], keys: Sequence[str]
) -> list[Record[Any]]:
    """A batch statement's rows (`batch` builds it for a dialect)."""
    assert session.bind is not None
    return await _rows(session, batch(session.bind.dialect.name), {"keys": list(keys)})


async def _rows(session: AsyncSession, statement: Select[Any], values: dict[str, Any]) -> list[Any]:
    """A Core read's plain rows. Core statements skip the ORM's autoflush: the request's
    pending changes are flushed first, as they would be before an ORM statement."""
    assert isinstance(session, SerialSession)
    if session.new or session.dirty or session.deleted:
        await session.flush()
    return await session.rows(statement, values)


def live_rows(model: type[Row]) -> Select[Row]:
    return select(model).where(model.deleted_at.is_(None)).order_by(model.created_at, model.id)


# --- issues ----------------------------------------------------------------------------------


async def issue_page(
    session: AsyncSession, where: IssueFilter, limit: int, offset: int
) -> tuple[list[Record[Any]], int]:
    """Live issues matching the filter, as plain rows, and how many there are in all."""
    given = {name: value for name, value in vars(where).items() if value not in (None, [], ())}
    return await _page(session, _issue_statements(tuple(given)), given, limit, offset)


async def live_page(
    session: AsyncSession, model: type[Row], limit: int, offset: int
) -> tuple[list[Record[Any]], int]:
    """A model's live rows, oldest first, as plain rows, and how many there are in all."""
    return await _page(session, _live_statements(model), {}, limit, offset)


async def _page(
    session: AsyncSession,
    statements: tuple[Select[Any], Select[Any]],
    values: dict[str, Any],
    limit: int,
    offset: int,
) -> tuple[list[Record[Any]], int]:
    count, page = statements
    total = (await _rows(session, count, values))[0][0]
    return await _rows(session, page, {**values, "limit": limit, "offset": offset}), total


def _paged(query: Select[Any]) -> tuple[Select[Any], Select[Any]]:
    """A Core query's count, and its page with the limit and offset as parameters."""
    count = select(func.count()).select_from(query.subquery())
    return count, query.limit(bindparam("limit")).offset(bindparam("offset"))


def _live(model: type[Row], *conditions: ColumnElement[bool]) -> Select[Any]:
    """`live_rows` as a Core statement on the table, narrowed by `conditions`."""
    row = model.__table__.c
    return (
        select(*row).where(row.deleted_at.is_(None), *conditions).order_by(row.created_at, row.id)
    )


@cache
def _live_statements(model: type[Row]) -> tuple[Select[Any], Select[Any]]:
    return _paged(_live(model))


@cache
def _issue_statements(filters: tuple[str, ...]) -> tuple[Select[Any], Select[Any]]:
    """For the filters given, the count and the page of an issue list: Core statements on the
    table, with every value a named parameter, so they are built once per set of filters."""
    issue, labelled = Issue.__table__.c, IssueLabel.__table__.c
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
    return _paged(_live(Issue, *(conditions[name]() for name in filters)))


async def has_children(session: AsyncSession, issue_id: str) -> bool:
    child = await session.scalar(
        select(Issue.id).where(Issue.parent_id == issue_id, Issue.deleted_at.is_(None)).limit(1)
    )
    return child is not None


async def children_by_parent_ids(
    session: AsyncSession, parent_ids: Sequence[str]
) -> list[Record[Any]]:
    """Live sub-issues, oldest first, as plain rows."""
    return await _read(session, _children_by_parent_ids, parent_ids)


@cache
def _children_by_parent_ids(dialect: str) -> Select[Any]:
    return _live(Issue, _key_in(Issue.__table__.c.parent_id, dialect))


async def add_labels(session: AsyncSession, issue_id: str, label_ids: Sequence[str]) -> None:
    session.add_all(IssueLabel(issue_id=issue_id, label_id=label_id) for label_id in label_ids)
    await session.flush()


async def labels_by_issue_ids(
    session: AsyncSession, issue_ids: Sequence[str]
) -> list[tuple[str, str, Record[Any]]]:
    """Each issue's id with the id and plain row of one of its labels."""
    rows: list[Any] = await _read(session, _labels_by_issue_ids, issue_ids)
    return [(row[0], row[1], row) for row in rows]  # by position: by name costs far more


@cache
def _labels_by_issue_ids(dialect: str) -> Select[Any]:
    labels, issue_labels = Label.__table__, IssueLabel.__table__
    return (
        select(issue_labels.c.issue_id.label("label_issue_id"), *labels.c)
        .join_from(labels, issue_labels, labels.c.id == issue_labels.c.label_id)
        .where(_key_in(issue_labels.c.issue_id, dialect), labels.c.deleted_at.is_(None))
        .order_by(labels.c.name)
    )


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
) -> list[Record[Any]]:
    """The relations these issues declare, oldest first, as plain rows."""
    return await _read(session, _relations_by_issue_ids, issue_ids)


@cache
def _relations_by_issue_ids(dialect: str) -> Select[Any]:
    relation = IssueRelation.__table__.c
    return (
        select(*relation)
        .where(_key_in(relation.issue_id, dialect))
        .order_by(relation.created_at, relation.id)
    )


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


# --- prompts ---------------------------------------------------------------------------------


async def live_template_with_slug(session: AsyncSession, slug: str) -> PromptTemplate | None:
    return await session.scalar(
        select(PromptTemplate).where(
            PromptTemplate.slug == slug, PromptTemplate.deleted_at.is_(None)
        )
    )


def versions_of(template_id: str) -> Select[PromptVersion]:
    return (
        select(PromptVersion)
        .where(PromptVersion.template_id == template_id)
        .order_by(PromptVersion.version.desc())
    )


async def version(session: AsyncSession, id: str) -> PromptVersion | None:
    return await session.get(PromptVersion, id)


async def versions_by_ids(session: AsyncSession, ids: Sequence[str]) -> list[PromptVersion]:
    return list(await session.scalars(select(PromptVersion).where(PromptVersion.id.in_(ids))))


async def recent_versions_by_template_ids(
    session: AsyncSession, template_ids: Sequence[str], per_template: int
) -> list[PromptVersion]:
    ranked = (
        select(
            PromptVersion.id,
            func.row_number()
            .over(partition_by=PromptVersion.template_id, order_by=PromptVersion.version.desc())
            .label("rank"),
        )
        .where(PromptVersion.template_id.in_(template_ids))
        .subquery()
    )
    query = (
        select(PromptVersion)
        .join(ranked, ranked.c.id == PromptVersion.id)
        .where(ranked.c.rank <= per_template)
        .order_by(PromptVersion.template_id, PromptVersion.version.desc())
    )
    return list(await session.scalars(query))


async def latest_version_number(session: AsyncSession, template_id: str) -> int:
    latest = await session.scalar(
        select(func.max(PromptVersion.version)).where(PromptVersion.template_id == template_id)
    )
    return int(latest or 0)


def reviews_of_template(template_id: str) -> Select[PromptReview]:
    return (
        select(PromptReview)
        .join(PromptVersion, PromptVersion.id == PromptReview.version_id)
        .where(PromptVersion.template_id == template_id)
        .order_by(PromptReview.created_at, PromptReview.id)
    )


async def review_count(session: AsyncSession, version_id: str) -> int:
    count = await session.scalar(select(func.count()).where(PromptReview.version_id == version_id))
    return int(count or 0)


async def review_summaries_by_template_ids(
    session: AsyncSession, template_ids: Sequence[str]
) -> list[tuple[str, int, float | None, float | None, float | None]]:
    rows = await session.execute(
        select(
            PromptVersion.template_id,
            func.count(PromptReview.id),
            func.avg(PromptReview.clarity),
            func.avg(PromptReview.completeness),
            func.avg(PromptReview.relevance),
        )
        .join(PromptVersion, PromptVersion.id == PromptReview.version_id)
        .where(PromptVersion.template_id.in_(template_ids))
        .group_by(PromptVersion.template_id)
    )
    return [
        (tid, count, _float(clarity), _float(completeness), _float(relevance))
        for tid, count, clarity, completeness, relevance in rows.tuples()
    ]


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


async def live_templates_with_active_version(session: AsyncSession) -> list[PromptTemplate]:
    query = live_rows(PromptTemplate).where(PromptTemplate.active_version_id.is_not(None))
    return list(await session.scalars(query))


async def open_issue_titled(session: AsyncSession, prefix: str) -> Issue | None:
    return await session.scalar(
        select(Issue)
        .where(
            Issue.title.startswith(prefix, autoescape=True),
            Issue.deleted_at.is_(None),
            Issue.status.not_in(("done", "canceled")),
        )
        .limit(1)
    )


async def label_names(session: AsyncSession, issue_id: str) -> list[tuple[str, str]]:
    rows = await labels_by_issue_ids(session, [issue_id])
    return [(label.name, label.color) for _, _, label in rows]


async def siblings(session: AsyncSession, issue: Issue) -> list[Issue]:
    query = live_rows(Issue).where(Issue.parent_id == issue.parent_id, Issue.id != issue.id)
    return list(await session.scalars(query))


async def related_issues(session: AsyncSession, issue_id: str, type: str) -> list[Issue]:
    query = (
        select(Issue)
        .join(IssueRelation, IssueRelation.related_issue_id == Issue.id)
        .where(IssueRelation.issue_id == issue_id, IssueRelation.type == type)
        .order_by(Issue.number)
    )
    return list(await session.scalars(query))


async def upsert_label(session: AsyncSession, name: str, color: str) -> Label:
    label = await live_label_named(session, name)
    if label is None:
        label = Label(name=name, color=color)
        await save(session, label)
    return label


# --- dispatch --------------------------------------------------------------------------------

PRIORITY_WEIGHT = {1: 100, 2: 75, 3: 50, 4: 25}
TYPE_BONUS = {"signal": 50, "hypothesis": 40, "plan": 30, "task": 20, "monitor": 10}
GOAL_BONUS = 20
FINISHED = ("done", "canceled")


def _age_days(dialect: str, now: datetime) -> ColumnElement[Any]:
    if dialect == "postgresql":
        seconds = func.extract("epoch", literal(now) - Issue.created_at)
        return func.floor(seconds / 86400)
    return func.cast(
        func.julianday(literal(now.isoformat())) - func.julianday(Issue.created_at), Integer
    )


def score_columns(dialect: str, now: datetime) -> dict[str, ColumnElement[Any]]:
    """The dispatch score's parts as SQL, so the ranking and the claim happen in the database."""
    active_goal = (
        select(Goal.id)
        .join(Project, Project.goal_id == Goal.id)
        .where(Project.id == Issue.project_id, Goal.status == "active", Goal.deleted_at.is_(None))
        .exists()
    )
    return {
        "priority_weight": case(PRIORITY_WEIGHT, value=Issue.priority, else_=10),
        "goal_bonus": case((active_goal, GOAL_BONUS), else_=0),
        "age_bonus": _age_days(dialect, now),
        "type_bonus": case(TYPE_BONUS, value=Issue.type, else_=0),
    }


def dispatchable(project_id: str | None) -> list[ColumnElement[bool]]:
    """Todo, live, and not blocked by an unfinished issue."""
    blocker = aliased(Issue)
    blocked = (
        select(IssueRelation.id)
        .join(blocker, blocker.id == IssueRelation.related_issue_id)
        .where(
            IssueRelation.issue_id == Issue.id,
            IssueRelation.type == "blocked_by",
            blocker.status.not_in(FINISHED),
            blocker.deleted_at.is_(None),
        )
        .exists()
    )
    where = [Issue.status == "todo", Issue.deleted_at.is_(None), ~blocked]
    if project_id is not None:
        where.append(Issue.project_id == project_id)
    return where


async def ranked_queue(
    session: AsyncSession, project_id: str | None, now: datetime
) -> list[tuple[Issue, dict[str, int]]]:
    parts = score_columns(session.get_bind().dialect.name, now)
    rows = await session.execute(
        select(Issue, *(column.label(name) for name, column in parts.items())).where(
            *dispatchable(project_id)
        )
    )
    return [(row[0], {name: int(row._mapping[name]) for name in parts}) for row in rows]


async def claim_next(session: AsyncSession, project_id: str | None, now: datetime) -> Issue | None:
    """One statement on either backend: rank, lock the winner (skipping rows another claimer holds
    on PostgreSQL; SQLite serialises writers) and move it to in_progress."""
    parts = score_columns(session.get_bind().dialect.name, now)
    winner = (
        select(Issue.id)
        .where(*dispatchable(project_id))
        .order_by(reduce(operator.add, parts.values()).desc(), Issue.created_at, Issue.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    claimed = await session.scalar(
        update(Issue)
        .where(Issue.id == winner, Issue.status == "todo")
        .values(status="in_progress", updated_at=now)
        .returning(Issue)
        .execution_options(synchronize_session=False)
    )
    return claimed


async def increment_usage(session: AsyncSession, version_id: str) -> None:
    await session.execute(
        update(PromptVersion)
        .where(PromptVersion.id == version_id)
        .values(usage_count=PromptVersion.usage_count + 1)
        .execution_options(synchronize_session=False)
    )


# --- dashboard -------------------------------------------------------------------------------


async def issue_counts(session: AsyncSession, column: Any) -> dict[str, int]:
    rows = await session.execute(
        select(column, func.count()).where(Issue.deleted_at.is_(None)).group_by(column)
    )
    return {key: count for key, count in rows.tuples()}


async def goal_counts(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(
        select(Goal.status, func.count()).where(Goal.deleted_at.is_(None)).group_by(Goal.status)
    )
    return {key: count for key, count in rows.tuples()}


async def count_issues(session: AsyncSession, *where: ColumnElement[bool]) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Issue).where(Issue.deleted_at.is_(None), *where)
    )
    return int(total or 0)


async def root_issues(session: AsyncSession) -> list[Issue]:
    return list(await session.scalars(live_rows(Issue).where(Issue.parent_id.is_(None))))
