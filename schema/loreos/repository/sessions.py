"""Sessions, their event logs and runs, and end-users."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import EndUser, Event, Run, Session


async def end_user(session: AsyncSession, app_id: str, ref: str) -> EndUser | None:
    query = select(EndUser).where(EndUser.app_id == app_id, EndUser.external_user_ref == ref)
    return await session.scalar(query)


async def owned(session: AsyncSession, app_id: str, session_id: str) -> Session | None:
    query = select(Session).where(Session.id == session_id, Session.app_id == app_id)
    return await session.scalar(query)


async def open_session(
    session: AsyncSession, app_id: str, ref: str, character_id: str
) -> Session | None:
    query = select(Session).where(
        Session.app_id == app_id,
        Session.external_user_ref == ref,
        Session.character_id == character_id,
        Session.status == "active",
    )
    return await session.scalar(query.order_by(Session.created_at.desc()).limit(1))


async def count(session: AsyncSession, app_id: str) -> int:
    query = select(func.count()).select_from(Session).where(Session.app_id == app_id)
    return int(await session.scalar(query) or 0)


async def take_cursors(session: AsyncSession, app_id: str, session_id: str, n: int) -> int | None:
    """Hand out the session's next `n` cursors; the last one, or None if the app has no such
    session. Its row stays locked to the transaction, so a session's cursors commit in order
    (and on SQLite, the write lock is taken here, before anything is read)."""
    result = await session.execute(
        update(Session)
        .where(Session.id == session_id, Session.app_id == app_id)
        .values(last_cursor=Session.last_cursor + n)
        .returning(Session.last_cursor)
    )
    found = result.scalar_one_or_none()
    return int(found) if found is not None else None


async def events_after(
    session: AsyncSession, session_id: str, since: int, limit: int
) -> Sequence[Event]:
    query = (
        select(Event)
        .where(Event.session_id == session_id, Event.cursor > since)
        .order_by(Event.cursor)
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def run_by_key(session: AsyncSession, session_id: str, key: str) -> Run | None:
    query = select(Run).where(Run.session_id == session_id, Run.idempotency_key == key)
    return await session.scalar(query)


async def run(session: AsyncSession, run_id: str) -> Run | None:
    return await session.get(Run, run_id)


async def user_messages(session: AsyncSession, app_id: str) -> int:
    query = select(func.count()).select_from(Run).where(Run.app_id == app_id)
    return int(await session.scalar(query) or 0)


async def runs(session: AsyncSession, session_id: str) -> Sequence[Run]:
    query = select(Run).where(Run.session_id == session_id).order_by(Run.turn_index)
    return (await session.scalars(query)).all()


async def recent_messages(session: AsyncSession, session_id: str, limit: int) -> list[Event]:
    """The session's last `limit` messages, oldest first (a reply's conversation history)."""
    query = (
        select(Event)
        .where(
            Event.session_id == session_id,
            Event.type.in_(("message.created", "character.initiated")),
        )
        .order_by(Event.cursor.desc())
        .limit(limit)
    )
    return list(reversed((await session.scalars(query)).all()))


async def latest_events(session: AsyncSession, session_id: str, limit: int) -> Sequence[Event]:
    """The session's last `limit` events, newest first."""
    query = (
        select(Event)
        .where(Event.session_id == session_id)
        .order_by(Event.cursor.desc())
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def runs_by_id(session: AsyncSession, run_ids: Sequence[str]) -> Sequence[Run]:
    if not run_ids:
        return []
    return (await session.scalars(select(Run).where(Run.id.in_(run_ids)))).all()


async def proactive_sessions(session: AsyncSession, character_id: str) -> int:
    """The character's open sessions with proactive messages on."""
    query = (
        select(func.count())
        .select_from(Session)
        .where(
            Session.character_id == character_id,
            Session.status == "active",
            Session.proactive_enabled.is_(True),
        )
    )
    return int(await session.scalar(query) or 0)
