"""Proactive messages: a session's controls (overrides of the character's
`behavioral_thresholds`, each cleared by sending null) and the proactive test, which makes the
character start a message now, bypassing every gate: a run (`reply_mode: proactive`) whose
`run.status` generating is appended at once and whose message, written by the reply job, is a
character `message.created` with `proactive: true`."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import enqueue

from .. import errors
from ..models import Run, Session
from ..repository import sessions as repo
from ..settings import LoreosSettings
from . import characters, metering
from .apps import Principal, get_app
from .sessions import REPLY_QUEUE, add_event, get_session, new_run, publish_events

PROACTIVE = "proactive"
DEFAULTS: dict[str, Any] = {
    "proactivity_tolerance": 0.5,
    "cold_initiate_enabled": False,
    "session_resume_enabled": False,
    "cold_initiate_min_idle_minutes": 240,
    "session_resume_min_idle_minutes": 30,
    "session_resume_max_unanswered_character_turns": 1,
    "min_gap_between_initiate_minutes": 720,
    "daily_initiate_cap": 2,
}


async def effective(session: AsyncSession, opened: Session) -> dict[str, Any]:
    """The defaults, then the character's thresholds, then the session's overrides."""
    character = await characters.get_by_id(session, opened.character_id)
    version = await characters.current_version(session, character)
    thresholds = version.content.get("behavioral_thresholds") or {}
    authored = {key: thresholds[key] for key in DEFAULTS if thresholds.get(key) is not None}
    return {**DEFAULTS, **authored, **opened.proactive_controls}


async def update_controls(
    session: AsyncSession, who: Principal, session_id: str, changes: dict[str, Any]
) -> Session:
    """Apply the sent fields: a value overrides, a null clears the override."""
    opened = await get_session(session, who, session_id)
    controls = dict(opened.proactive_controls)
    for key, value in changes.items():
        if value is None:
            controls.pop(key, None)
        else:
            controls[key] = value
    opened.proactive_controls = controls
    await session.flush()
    return opened


async def test(
    session: AsyncSession, who: Principal, settings: LoreosSettings, session_id: str
) -> Run:
    last = await repo.take_cursors(session, who.app_id, session_id, 1)
    if last is None:
        raise errors.SessionNotFound(f"No session {session_id!r}")
    opened = await get_session(session, who, session_id)
    if opened.status != "active":
        raise errors.SessionExited("This session has ended")
    user = await repo.end_user(session, who.app_id, opened.external_user_ref)
    assert user is not None  # every session has its end-user
    rates = metering.Rates.of(settings)
    await metering.preflight(session, await get_app(session, who), user, rates.reserve)
    character = await characters.get_by_id(session, opened.character_id)
    run = new_run(opened, last, PROACTIVE, rates.reserve)
    session.add(run)
    generating = {"status": "generating", "run_ref": run.id, "reply_mode": PROACTIVE}
    status = add_event(session, opened.id, last, "run.status", "character", generating, run.id)
    await publish_events(session, opened.id, [status])
    await metering.reserve(session, run, character.slug, opened.external_user_ref, rates.reserve)
    await enqueue(session, REPLY_QUEUE, {"run_id": run.id})
    return run
