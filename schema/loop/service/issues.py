"""Issues, their relations and comments, and labels: Loop's rules. Services validate against
stored state, raise typed domain errors, and only flush: the request's unit of work commits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Row as Record
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.errors import Conflict, NotFound, ValidationFailed

from .. import repository as repo
from ..errors import (
    COMMENT_PARENT_NOT_FOUND,
    ISSUE_NOT_FOUND,
    LABEL_EXISTS,
    LABEL_NOT_FOUND,
    NESTING_TOO_DEEP,
    PARENT_NOT_FOUND,
    PROJECT_NOT_FOUND,
    RELATED_NOT_FOUND,
    RELATION_NOT_FOUND,
    SELF_RELATION,
)
from ..models import (
    Comment,
    Goal,
    Issue,
    IssueRelation,
    IssueStatus,
    Label,
    Project,
    PromptTemplate,
)

Changes = Mapping[str, Any]


def rule(message: str) -> ValidationFailed:
    """A business-rule rejection: Loop answers these with 422 and a plain message."""
    return ValidationFailed(message=message)


async def _found(
    session: AsyncSession,
    model: type[repo.Row],
    id: str,
    missing: str,
    read: Callable[[AsyncSession, type[repo.Row], str], Awaitable[Any]] = repo.live,
) -> Any:
    """The live row with this id (an ORM object, or as `read` reads it), or `NotFound`."""
    row = await read(session, model, id)
    if row is None:
        raise NotFound(missing)
    return row


def touch(row: Issue | Project | Goal | PromptTemplate, changes: Changes) -> None:
    """Apply changes to a row and stamp `updatedAt`."""
    for name, value in changes.items():
        setattr(row, name, value)
    row.updated_at = utcnow()


async def soft_delete(
    session: AsyncSession, row: Issue | Project | Goal | Label | PromptTemplate
) -> None:
    row.deleted_at = utcnow()
    await session.flush()


# --- issues ----------------------------------------------------------------------------------


async def list_issues(
    session: AsyncSession, where: repo.IssueFilter, limit: int, offset: int
) -> tuple[list[Record[Any]], int]:
    return await repo.issue_page(session, where, limit, offset)


async def get_issue(session: AsyncSession, id: str) -> Issue:
    issue: Issue = await _found(session, Issue, id, ISSUE_NOT_FOUND)
    return issue


async def read_issue(session: AsyncSession, id: str) -> Record[Any]:
    """`get_issue` as a plain row, for reads."""
    row: Record[Any] = await _found(session, Issue, id, ISSUE_NOT_FOUND, repo.live_record)
    return row


async def _check_parent(session: AsyncSession, parent_id: str, child_id: str | None) -> None:
    parent = await repo.live(session, Issue, parent_id)
    if parent is None or parent.id == child_id:
        raise rule(PARENT_NOT_FOUND)
    if parent.parent_id is not None:
        raise rule(NESTING_TOO_DEEP)
    if child_id is not None and await repo.has_children(session, child_id):
        raise rule(NESTING_TOO_DEEP)


async def _check_project(session: AsyncSession, project_id: str) -> None:
    if await repo.live(session, Project, project_id) is None:
        raise rule(PROJECT_NOT_FOUND)


async def check_references(session: AsyncSession, changes: Changes, issue_id: str | None) -> None:
    if changes.get("parent_id") is not None:
        await _check_parent(session, changes["parent_id"], issue_id)
    if changes.get("project_id") is not None:
        await _check_project(session, changes["project_id"])


def _completion(changes: Changes) -> dict[str, Any]:
    if "status" not in changes:
        return {}
    return {"completed_at": utcnow() if changes["status"] == IssueStatus.done.value else None}


async def create_issue(session: AsyncSession, fields: Changes, label_ids: Sequence[str]) -> Issue:
    await check_references(session, fields, None)
    label_ids = list(dict.fromkeys(label_ids))
    if label_ids and await repo.live_label_ids(session, label_ids) != set(label_ids):
        raise rule(LABEL_NOT_FOUND)
    issue = Issue(**fields, **_completion(fields), number=await repo.next_value(session, "issue"))
    await repo.save(session, issue)
    if label_ids:
        await repo.add_labels(session, issue.id, label_ids)
    return issue


async def update_issue(session: AsyncSession, id: str, changes: Changes) -> Issue:
    issue = await get_issue(session, id)
    await check_references(session, changes, issue.id)
    touch(issue, {**changes, **_completion(changes)})
    await session.flush()
    return issue


async def delete_issue(session: AsyncSession, id: str) -> None:
    await soft_delete(session, await get_issue(session, id))


# --- relations -------------------------------------------------------------------------------


async def create_relation(
    session: AsyncSession, issue_id: str, type: str, related_issue_id: str
) -> IssueRelation:
    issue = await get_issue(session, issue_id)
    if related_issue_id == issue.id:
        raise rule(SELF_RELATION)
    if await repo.live(session, Issue, related_issue_id) is None:
        raise rule(RELATED_NOT_FOUND)
    relation = IssueRelation(issue_id=issue.id, type=type, related_issue_id=related_issue_id)
    await repo.save(session, relation)
    return relation


async def delete_relation(session: AsyncSession, id: str) -> None:
    relation = await repo.relation(session, id)
    if relation is None:
        raise NotFound(RELATION_NOT_FOUND)
    await repo.delete(session, relation)


# --- comments --------------------------------------------------------------------------------


async def list_comments(session: AsyncSession, issue_id: str) -> list[Comment]:
    issue = await get_issue(session, issue_id)
    return await repo.top_level_comments(session, issue.id)


async def create_comment(session: AsyncSession, issue_id: str, fields: Changes) -> Comment:
    issue = await get_issue(session, issue_id)
    parent_id = fields.get("parent_id")
    if parent_id is not None:
        parent = await repo.comment(session, parent_id)
        if parent is None or parent.issue_id != issue.id:
            raise rule(COMMENT_PARENT_NOT_FOUND)
        # Threads are one level deep: a reply to a reply joins its thread's root.
        parent_id = parent.parent_id or parent.id
    comment = Comment(**{**fields, "parent_id": parent_id}, issue_id=issue.id)
    await repo.save(session, comment)
    return comment


# --- labels ----------------------------------------------------------------------------------


async def list_labels(
    session: AsyncSession, limit: int, offset: int
) -> tuple[list[Record[Any]], int]:
    return await repo.live_page(session, Label, limit, offset)


async def create_label(session: AsyncSession, name: str, color: str) -> Label:
    if await repo.live_label_named(session, name) is not None:
        raise Conflict(LABEL_EXISTS)
    label = Label(name=name, color=color)
    try:
        await repo.save(session, label)
    except IntegrityError:  # a concurrent request took the name first; the request rolls back
        raise Conflict(LABEL_EXISTS) from None
    return label


async def delete_label(session: AsyncSession, id: str) -> None:
    await soft_delete(session, await _found(session, Label, id, LABEL_NOT_FOUND))
