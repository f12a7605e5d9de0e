"""Sessions and their event log. A send appends the user's `message.created` at cursor N and
`run.status` generating at N+1 in the request's transaction, with the run, its credit
reservation and the job that writes the reply. A session's cursors are taken under its row's
lock, so they are gap-free and commit in order."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event as listen_for
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.db import Database
from app.events import notifier
from app.jobs import enqueue

from .. import errors
from ..models import Character, EndUser, Event, Run, Session, new_id
from ..repository import sessions as repo
from ..settings import LoreosSettings
from . import characters, deliveries, metering
from .apps import Principal, get_app

REPLY_QUEUE = "loreos.reply"
DEFAULT_REPLY_MODE = "async"
POLL_SECONDS = 1.0
STREAM_BATCH = 500


def topic(session_id: str) -> str:
    return f"loreos.session.{session_id}"


@dataclass(frozen=True)
class Opened:
    session: Session
    character: Character
    created: bool


@dataclass(frozen=True)
class Accepted:
    run: Run
    replay: bool


async def open_session(
    session: AsyncSession,
    who: Principal,
    settings: LoreosSettings,
    slug: str,
    ref: str,
    display_name: str | None,
    proactive_enabled: bool | None,
) -> Opened:
    """The end-user's open session with the character, or a new one greeting them."""
    character = await characters.get(session, who, slug)
    user = await end_user(session, who, ref, display_name)
    found = await repo.open_session(session, who.app_id, ref, character.id)
    if found is not None:
        return Opened(found, character, False)
    if who.is_demo and await repo.count(session, who.app_id) >= settings.demo_max_sessions:
        limit = settings.demo_max_sessions
        raise errors.DemoQuotaExceeded(f"Demo keys may start at most {limit} sessions")
    opened = Session(
        id=new_id("sess_"),
        app_id=who.app_id,
        character_id=character.id,
        character_version=character.version_number,
        end_user_id=user.id,
        external_user_ref=ref,
        status="active",
        proactive_enabled=bool(proactive_enabled),
        proactive_controls={},
        last_cursor=0,
        turn_count=0,
        created_at=utcnow(),
    )
    session.add(opened)
    await session.flush()
    version = await characters.current_version(session, character)
    greeting = version.content.get("greeting")
    if greeting:
        cursor = await repo.take_cursors(session, who.app_id, opened.id, 1)
        assert cursor is not None
        greeted = add_event(
            session, opened.id, cursor, "character.initiated", "character", bubbled(greeting)
        )
        await publish_events(session, opened.id, [greeted])
    return Opened(opened, character, True)


def bubbled(payload: dict[str, Any]) -> dict[str, Any]:
    """A character message's payload with both `bubbles` (ordered) and `text` (joined)."""
    bubbles = payload.get("bubbles")
    if isinstance(bubbles, list) and bubbles:
        texts = [b if isinstance(b, str) else str(b.get("text", "")) for b in bubbles]
        return {**payload, "bubbles": bubbles, "text": payload.get("text") or "\n".join(texts)}
    text = str(payload.get("text", ""))
    return {**payload, "text": text, "bubbles": [text] if text else []}


async def end_user(
    session: AsyncSession, who: Principal, ref: str, display_name: str | None
) -> EndUser:
    user = await repo.end_user(session, who.app_id, ref)
    if user is None:
        user = EndUser(
            id=new_id("eu_"),
            app_id=who.app_id,
            external_user_ref=ref,
            display_name=display_name,
            limit_credits=None,
            enforcement="hard",
            resource_type="all",
            created_at=utcnow(),
        )
        session.add(user)
        await session.flush()
    elif display_name is not None:
        user.display_name = display_name
    return user


def add_event(
    session: AsyncSession,
    session_id: str,
    cursor: int,
    type: str,
    role: str,
    payload: dict[str, Any],
    run_ref: str | None = None,
) -> Event:
    event = Event(
        id=new_id("evt_"),
        session_id=session_id,
        cursor=cursor,
        type=type,
        role=role,
        payload=payload,
        run_ref=run_ref,
        created_at=utcnow(),
    )
    session.add(event)
    return event


async def get_session(session: AsyncSession, who: Principal, session_id: str) -> Session:
    found = await repo.owned(session, who.app_id, session_id)
    if found is None:
        raise errors.SessionNotFound(f"No session {session_id!r}")
    return found


@dataclass(frozen=True)
class Message:
    text: str
    reply_mode: str | None
    context_events: list[dict[str, Any]] | None
    idempotency_key: str | None


async def send(
    session: AsyncSession,
    who: Principal,
    settings: LoreosSettings,
    session_id: str,
    message: Message,
) -> Accepted:
    # Taking the cursors first locks the session (and on SQLite the database) before anything
    # is read, so a concurrent send with the same key sees this one's run once it commits.
    last = await repo.take_cursors(session, who.app_id, session_id, 2)
    if last is None:
        raise errors.SessionNotFound(f"No session {session_id!r}")
    if message.idempotency_key is not None:
        earlier = await repo.run_by_key(session, session_id, message.idempotency_key)
        if earlier is not None:
            await repo.take_cursors(session, who.app_id, session_id, -2)  # give them back
            return Accepted(earlier, True)
    opened = await get_session(session, who, session_id)
    if opened.status != "active":
        raise errors.SessionExited("This session has ended")
    await _check_demo_message(session, who, settings, message.text)
    app = await get_app(session, who)
    user = await repo.end_user(session, who.app_id, opened.external_user_ref)
    assert user is not None  # every session has its end-user
    rates = metering.Rates.of(settings)
    await metering.preflight(session, app, user, rates.reserve)
    character = await characters.get_by_id(session, opened.character_id)
    run = new_run(opened, last - 1, message.reply_mode or DEFAULT_REPLY_MODE, rates.reserve)
    run.idempotency_key = message.idempotency_key
    run.turn_index = opened.turn_count + 1
    session.add(run)
    opened.turn_count = run.turn_index
    user_payload: dict[str, Any] = {"text": message.text}
    if message.context_events:
        user_payload["context_events"] = message.context_events
    sent = add_event(
        session, opened.id, run.cursor, "message.created", "user", user_payload, run.id
    )
    generating = {"status": "generating", "run_ref": run.id}
    status = add_event(session, opened.id, last, "run.status", "character", generating, run.id)
    await publish_events(session, opened.id, [sent, status])
    await metering.reserve(session, run, character.slug, opened.external_user_ref, rates.reserve)
    await enqueue(session, REPLY_QUEUE, {"run_id": run.id})
    return Accepted(run, False)


def new_run(opened: Session, cursor: int, reply_mode: str, reserve: float) -> Run:
    """A run of the session, generating, its credits reserved (`cursor`: the event it answers,
    or for a proactive run its own run.status)."""
    return Run(
        id=new_id("run_"),
        app_id=opened.app_id,
        session_id=opened.id,
        idempotency_key=None,
        turn_index=opened.turn_count,
        cursor=cursor,
        reply_mode=reply_mode,
        status="generating",
        provider=None,
        model=None,
        model_calls=0,
        reserved_credits=reserve,
        settled_credits=None,
        latency_ms=None,
        error=None,
        created_at=utcnow(),
        completed_at=None,
    )


async def publish_events(session: AsyncSession, session_id: str, appended: list[Event]) -> None:
    """Store the appended events, queue their webhook deliveries in the same transaction, and
    wake the session's followers once it commits."""
    await session.flush()
    await deliveries.fan_out(session, session_id, appended)
    notify_after_commit(session, session_id)


def notify_after_commit(session: AsyncSession, session_id: str) -> None:
    """Wake the session's followers in this process once the transaction commits."""
    listen_for.listen(
        session.sync_session,
        "after_commit",
        lambda _: notifier.notify(topic(session_id)),
        once=True,
    )


async def _check_demo_message(
    session: AsyncSession, who: Principal, settings: LoreosSettings, text: str
) -> None:
    if not who.is_demo:
        return
    if len(text) > settings.demo_max_message_chars:
        limit = settings.demo_max_message_chars
        raise errors.DemoInputTooLarge(f"Demo keys may send at most {limit} characters")
    if await repo.user_messages(session, who.app_id) >= settings.demo_max_messages:
        limit = settings.demo_max_messages
        raise errors.DemoQuotaExceeded(f"Demo keys may send at most {limit} messages")


async def events(
    session: AsyncSession, who: Principal, session_id: str, since: int, limit: int
) -> Sequence[Event]:
    opened = await get_session(session, who, session_id)
    return await repo.events_after(session, opened.id, since, limit)


async def runs(session: AsyncSession, who: Principal, session_id: str) -> Sequence[Run]:
    opened = await get_session(session, who, session_id)
    return await repo.runs(session, opened.id)


async def follow(
    database: Database, session_id: str, since: int, seconds: float
) -> AsyncIterator[Event]:
    """The session's events after `since` in order, then new ones as they are appended, for
    `seconds` (each read in a short session of its own)."""
    deadline = time.monotonic() + seconds
    key = topic(session_id)
    while True:
        seen = notifier.version(key)
        async with database.session() as session:
            batch = await repo.events_after(session, session_id, since, STREAM_BATCH)
        for event in batch:
            since = event.cursor
            yield event
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return
        if len(batch) < STREAM_BATCH:
            await notifier.wait(key, seen, min(POLL_SECONDS, remaining))
