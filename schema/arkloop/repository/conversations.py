"""Threads (keyset-paged, newest activity first), stars, messages and projects. Every query
is scoped to one account."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Select

from ..models import Message, Project, Thread, ThreadStar
from .owned import Owned

projects = Owned(Project)


@dataclass(frozen=True)
class ThreadPage:
    account_id: str
    user_id: str
    limit: int
    project_id: str | None = None
    before: tuple[datetime, str] | None = None


def _visible(account_id: str, user_id: str) -> Select[Thread]:
    """Live threads of the account: shared ones, and the caller's own private ones."""
    return select(Thread).where(
        Thread.account_id == account_id,
        Thread.deleted_at.is_(None),
        or_(Thread.is_private.is_(False), Thread.created_by_user_id == user_id),
    )


def _newest_first(query: Select[Thread], limit: int) -> Select[Thread]:
    return query.order_by(Thread.updated_at.desc(), Thread.id.desc()).limit(limit)


async def thread(session: AsyncSession, account_id: str, user_id: str, id: str) -> Thread | None:
    query = _visible(account_id, user_id).where(Thread.id == id)
    return (await session.scalars(query)).first()


async def threads(session: AsyncSession, page: ThreadPage) -> Sequence[Thread]:
    query = _visible(page.account_id, page.user_id)
    if page.project_id is not None:
        query = query.where(Thread.project_id == page.project_id)
    if page.before is not None:
        at, id = page.before
        query = query.where(
            or_(Thread.updated_at < at, and_(Thread.updated_at == at, Thread.id < id))
        )
    return (await session.scalars(_newest_first(query, page.limit))).all()


async def search_threads(
    session: AsyncSession, account_id: str, user_id: str, text: str, limit: int
) -> Sequence[Thread]:
    """Title or any message containing the text, case-insensitively."""
    pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    in_messages = exists().where(
        Message.thread_id == Thread.id,
        Message.deleted_at.is_(None),
        func.lower(Message.content).like(pattern, escape="\\"),
    )
    query = _visible(account_id, user_id).where(
        or_(func.lower(Thread.title).like(pattern, escape="\\"), in_messages)
    )
    return (await session.scalars(_newest_first(query, limit))).all()


async def starred_threads(session: AsyncSession, account_id: str, user_id: str) -> Sequence[Thread]:
    query = _visible(account_id, user_id).join(
        ThreadStar, and_(ThreadStar.thread_id == Thread.id, ThreadStar.user_id == user_id)
    )
    return (await session.scalars(_newest_first(query, 200))).all()


async def star(session: AsyncSession, thread_id: str, user_id: str) -> ThreadStar | None:
    return await session.get(ThreadStar, (thread_id, user_id))


async def unstar(session: AsyncSession, thread_id: str, user_id: str) -> None:
    await session.execute(
        delete(ThreadStar).where(ThreadStar.thread_id == thread_id, ThreadStar.user_id == user_id)
    )


async def messages(session: AsyncSession, thread_id: str, limit: int | None) -> Sequence[Message]:
    """The thread's live messages, oldest first (the latest `limit` of them)."""
    query = select(Message).where(Message.thread_id == thread_id, Message.deleted_at.is_(None))
    if limit is None:
        ordered = query.order_by(Message.created_at, Message.id)
        return (await session.scalars(ordered)).all()
    latest = query.order_by(Message.created_at.desc(), Message.id.desc()).limit(limit)
    return list(reversed((await session.scalars(latest)).all()))


async def last_assistant_message(session: AsyncSession, thread_id: str) -> Message | None:
    query = (
        select(Message)
        .where(
            Message.thread_id == thread_id,
            Message.role == "assistant",
            Message.deleted_at.is_(None),
        )
        .order_by(Message.created_at.desc(), Message.id.desc())
    )
    return (await session.scalars(query.limit(1))).first()
