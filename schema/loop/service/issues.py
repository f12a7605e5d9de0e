"""Issues, their relations and comments, and labels: Loop's rules. Services validate against
stored state, raise typed domain errors, and write through the repository; the request's unit of
work commits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.errors import Conflict, NotFound, ValidationFailed
from schema._shared.repository import Row

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
from ..models import IssueStatus
from ..repository.issues import IssueFilter, comments, issues, labels, relations
from ..repository.projects import projects

Changes = Mapping[str, Any]


def rule(message: str) -> ValidationFailed:
    """A business-rule rejection: Loop answers these with 422 and a plain message."""
    return ValidationFailed(message=message)


def found(row: Row | None, missing: str) -> Row:
    """The row read, or `NotFound` with the `missing` message."""
    if row is None:
        raise NotFound(missing)
    return row


# --- issues ----------------------------------------------------------------------------------


async def list_issues(
    session: AsyncSession, where: IssueFilter, limit: int, offset: int
) -> tuple[list[Row], int]:
    return await issues.page_matching(session, where, limit, offset)


async def get_issue(session: AsyncSession, id: str) -> Row:
    return found(await issues.live(session, id), ISSUE_NOT_FOUND)


async def _check_parent(session: AsyncSession, parent_id: str, child_id: str | None) -> None:
    parent = await issues.live(session, parent_id)
    if parent is None or parent.id == child_id:
        raise rule(PARENT_NOT_FOUND)
    if parent.parent_id is not None:
        raise rule(NESTING_TOO_DEEP)
    if child_id is not None and await issues.has_children(session, child_id):
        raise rule(NESTING_TOO_DEEP)


async def _check_project(session: AsyncSession, project_id: str) -> None:
    if await projects.live(session, project_id) is None:
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


async def create_issue(session: AsyncSession, fields: Changes, label_ids: Sequence[str]) -> Row:
    await check_references(session, fields, None)
    label_ids = list(dict.fromkeys(label_ids))
    if label_ids and await labels.live_ids(session, label_ids) != set(label_ids):
        raise rule(LABEL_NOT_FOUND)
    number = await issues.next_number(session)
    issue = await issues.insert(session, {**fields, **_completion(fields), "number": number})
    if label_ids:
        await labels.attach(session, issue.id, label_ids)
    return issue


async def update_issue(session: AsyncSession, id: str, changes: Changes) -> Row:
    issue = await get_issue(session, id)
    await check_references(session, changes, issue.id)
    updated = await issues.update(session, issue.id, {**changes, **_completion(changes)})
    return found(updated, ISSUE_NOT_FOUND)


async def delete_issue(session: AsyncSession, id: str) -> None:
    if not await issues.soft_delete(session, id):
        raise NotFound(ISSUE_NOT_FOUND)


# --- relations -------------------------------------------------------------------------------


async def create_relation(
    session: AsyncSession, issue_id: str, type: str, related_issue_id: str
) -> Row:
    issue = await get_issue(session, issue_id)
    if related_issue_id == issue.id:
        raise rule(SELF_RELATION)
    if await issues.live(session, related_issue_id) is None:
        raise rule(RELATED_NOT_FOUND)
    values = {"issue_id": issue.id, "type": type, "related_issue_id": related_issue_id}
    return await relations.insert(session, values)


async def delete_relation(session: AsyncSession, id: str) -> None:
    if not await relations.delete(session, id):
        raise NotFound(RELATION_NOT_FOUND)


# --- comments --------------------------------------------------------------------------------


async def list_comments(session: AsyncSession, issue_id: str) -> list[Row]:
    issue = await get_issue(session, issue_id)
    return await comments.top_level(session, issue.id)


async def create_comment(session: AsyncSession, issue_id: str, fields: Changes) -> Row:
    issue = await get_issue(session, issue_id)
    parent_id = fields.get("parent_id")
    if parent_id is not None:
        parent = await comments.get(session, parent_id)
        if parent is None or parent.issue_id != issue.id:
            raise rule(COMMENT_PARENT_NOT_FOUND)
        # Threads are one level deep: a reply to a reply joins its thread's root.
        parent_id = parent.parent_id or parent.id
    return await comments.insert(session, {**fields, "parent_id": parent_id, "issue_id": issue.id})


# --- labels ----------------------------------------------------------------------------------


async def list_labels(session: AsyncSession, limit: int, offset: int) -> tuple[list[Row], int]:
    return await labels.page(session, limit, offset)


async def create_label(session: AsyncSession, name: str, color: str) -> Row:
    if await labels.named(session, name) is not None:
        raise Conflict(LABEL_EXISTS)
    try:
        return await labels.insert(session, {"name": name, "color": color})
    except IntegrityError:  # a concurrent request took the name first; the request rolls back
        raise Conflict(LABEL_EXISTS) from None


async def delete_label(session: AsyncSession, id: str) -> None:
    if not await labels.soft_delete(session, id):
        raise NotFound(LABEL_NOT_FOUND)
