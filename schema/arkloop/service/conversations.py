"""Threads, messages and projects: the caller's account scopes every read and write, and a
record of another account is reported as not found."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from schema._shared.repository import Row

from .. import errors
from ..models import Message, Thread, ThreadStar, new_id
from ..repository import conversations as repo
from .auth import Principal


async def get_thread(session: AsyncSession, who: Principal, id: str) -> Thread:
    thread = await repo.thread(session, who.account_id, who.user_id, id)
    if thread is None:
        raise errors.ThreadNotFound()
    return thread


async def _check_project(session: AsyncSession, who: Principal, project_id: str | None) -> None:
    if project_id is None:
        return
    if await repo.projects.owned(session, who.account_id, project_id) is None:
        raise errors.ProjectNotFound()


async def create_thread(
    session: AsyncSession,
    who: Principal,
    title: str | None,
    is_private: bool,
    project_id: str | None,
) -> Thread:
    await _check_project(session, who, project_id)
    now = utcnow()
    thread = Thread(
        id=new_id(),
        account_id=who.account_id,
        created_by_user_id=who.user_id,
        title=title,
        project_id=project_id,
        is_private=is_private,
        created_at=now,
        updated_at=now,
    )
    session.add(thread)
    await session.flush()
    return thread


def _cursor(
    before_updated_at: datetime | None, before_id: str | None
) -> tuple[datetime, str] | None:
    """Both halves of the keyset cursor, or neither."""
    if (before_updated_at is None) != (before_id is None):
        raise errors.cursor_incomplete()
    if before_updated_at is None or before_id is None:
        return None
    at = before_updated_at
    return (at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC), before_id)


async def list_threads(
    session: AsyncSession,
    who: Principal,
    limit: int,
    project_id: str | None,
    before_updated_at: datetime | None,
    before_id: str | None,
) -> Sequence[Thread]:
    """The caller's visible threads by latest activity, after the keyset cursor when given."""
    page = repo.ThreadPage(
        account_id=who.account_id,
        user_id=who.user_id,
        limit=limit,
        project_id=project_id,
        before=_cursor(before_updated_at, before_id),
    )
    return await repo.threads(session, page)


async def update_thread(
    session: AsyncSession, who: Principal, id: str, values: dict[str, Any]
) -> Thread:
    thread = await get_thread(session, who, id)
    if "project_id" in values:
        await _check_project(session, who, values["project_id"])
    for name, value in values.items():
        setattr(thread, name, value)
    thread.updated_at = utcnow()
    await session.flush()
    return thread


async def delete_thread(session: AsyncSession, who: Principal, id: str) -> None:
    thread = await get_thread(session, who, id)
    thread.deleted_at = utcnow()
    await session.flush()


async def star_thread(session: AsyncSession, who: Principal, id: str, starred: bool) -> None:
    thread = await get_thread(session, who, id)
    existing = await repo.star(session, thread.id, who.user_id)
    if starred and existing is None:
        session.add(ThreadStar(thread_id=thread.id, user_id=who.user_id, created_at=utcnow()))
    elif not starred and existing is not None:
        await repo.unstar(session, thread.id, who.user_id)
    await session.flush()


async def fork_thread(
    session: AsyncSession, who: Principal, id: str, up_to_message_id: str | None
) -> tuple[Thread, list[tuple[str, str]]]:
    """A copy of the thread (up to and including a message, when given) owned by the caller;
    the pairs map each copied message's old id to its new one."""
    source = await get_thread(session, who, id)
    fork = await create_thread(session, who, source.title, source.is_private, source.project_id)
    fork.parent_thread_id = source.id
    mapping: list[tuple[str, str]] = []
    for message in await repo.messages(session, source.id, None):
        copy = Message(
            id=new_id(),
            account_id=who.account_id,
            thread_id=fork.id,
            created_by_user_id=message.created_by_user_id,
            role=message.role,
            content=message.content,
            content_json=message.content_json,
            created_at=message.created_at,
        )
        session.add(copy)
        mapping.append((message.id, copy.id))
        if message.id == up_to_message_id:
            break
    await session.flush()
    return fork, mapping


async def add_message(
    session: AsyncSession,
    who: Principal,
    thread_id: str,
    content: str,
    content_json: dict[str, Any] | None,
) -> Message:
    thread = await get_thread(session, who, thread_id)
    now = utcnow()
    message = Message(
        id=new_id(),
        account_id=who.account_id,
        thread_id=thread.id,
        created_by_user_id=who.user_id,
        role="user",
        content=content,
        content_json=content_json,
        created_at=now,
    )
    session.add(message)
    thread.updated_at = now
    await session.flush()
    return message


async def list_messages(
    session: AsyncSession, who: Principal, thread_id: str, limit: int
) -> Sequence[Message]:
    thread = await get_thread(session, who, thread_id)
    return await repo.messages(session, thread.id, limit)


async def create_project(session: AsyncSession, who: Principal, values: dict[str, Any]) -> Row:
    """A project of the caller's account; `values` are its name and what else the caller set."""
    return await repo.projects.insert(
        session,
        {
            "visibility": "private",
            **values,
            "id": new_id(),
            "account_id": who.account_id,
            "created_by_user_id": who.user_id,
            "created_at": utcnow(),
        },
    )


async def get_project(session: AsyncSession, who: Principal, id: str) -> Row:
    project = await repo.projects.owned(session, who.account_id, id)
    if project is None:
        raise errors.ProjectNotFound()
    return project


async def search_threads(
    session: AsyncSession, who: Principal, text: str, limit: int
) -> Sequence[Thread]:
    return await repo.search_threads(session, who.account_id, who.user_id, text, limit)


async def starred_threads(session: AsyncSession, who: Principal) -> Sequence[Thread]:
    return await repo.starred_threads(session, who.account_id, who.user_id)


async def list_projects(session: AsyncSession, who: Principal) -> list[Row]:
    return await repo.projects.of_account(session, who.account_id)
