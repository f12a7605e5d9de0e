"""Writing a reply (the `loreos.reply` job): the character's compiled runtime context and the
session's recent messages go to the AI provider; its answer is appended as the character's
`message.created` (`text` and `bubbles`), then a terminal `run.status`, and the credits the
send reserved are settled, all in one transaction. Without a model (the offline provider) the
reply is a fixed notice labelled `[offline]`, never presented as the character's words."""

from __future__ import annotations

import logging
import time
from typing import Any

from app.ai import CapabilityMissing, Message, provider_for
from app.clock import utcnow
from app.errors import DomainError
from app.jobs import JobRun

from ..models import Session
from ..repository import characters as characters_repo
from ..repository import sessions as repo
from ..settings import LoreosSettings
from . import metering
from .proactive import PROACTIVE
from .runtime import compiled_context
from .sessions import add_event, publish_events

log = logging.getLogger("facet.loreos")
HISTORY = 20
TERMINAL = frozenset({"completed", "failed"})
OFFLINE_NOTICE = (
    "[offline] No language model is configured on this server (FACET_AI_PROVIDER=offline), "
    "so {name} cannot answer yet. Your message was received: “{quote}”."
)
START_NOW = (
    "Start a new message to the user now, unprompted, as you would after a while apart: "
    "short, in character, and about something of your own."
)
OFFLINE_PROACTIVE = (
    "[offline] No language model is configured on this server (FACET_AI_PROVIDER=offline), "
    "so {name} cannot start a conversation yet (a proactive message was asked for)."
)


async def write_reply(settings: LoreosSettings, job: JobRun) -> None:
    run_id = str(job.payload["run_id"])
    async with job.database.session() as session:
        run = await repo.run(session, run_id)
        if run is None or run.status in TERMINAL:
            return
        opened = await repo.owned(session, run.app_id, run.session_id)
        assert opened is not None
        version = await characters_repo.version(
            session, opened.character_id, opened.character_version
        )
        assert version is not None
        history = await repo.recent_messages(session, opened.id, HISTORY)
    content = version.content
    proactive = run.reply_mode == PROACTIVE
    prompt = [
        Message(role="system", text=compiled_context(content)),
        *(_message(event.role, event.payload) for event in history),
        *([Message(role="system", text=START_NOW)] if proactive else []),
    ]
    provider = provider_for(job.settings)
    started = time.monotonic()
    outcome: dict[str, Any]
    try:
        text = await provider.complete(prompt)
        outcome = {"status": "completed", "text": text, "calls": 1, "provider": provider.name}
    except CapabilityMissing:
        quote = str(history[-1].payload.get("text", "")) if history else ""
        notice = OFFLINE_PROACTIVE if proactive else OFFLINE_NOTICE
        text = notice.format(name=content.get("display_name", "the character"), quote=quote)
        outcome = {"status": "completed", "text": text, "calls": 0, "provider": "offline"}
    except DomainError as error:
        log.warning("reply %s failed: %s", run_id, error.message)
        outcome = {
            "status": "failed",
            "error": error.message,
            "calls": 1,
            "provider": provider.name,
        }
    latency_ms = int((time.monotonic() - started) * 1000)
    input_chars = sum(len(message.text) for message in prompt)
    await _record(job, settings, opened, run_id, outcome, latency_ms, input_chars)


def _message(role: str, payload: dict[str, Any]) -> Message:
    return Message(
        role="user" if role == "user" else "assistant", text=str(payload.get("text", ""))
    )


async def _record(
    job: JobRun,
    settings: LoreosSettings,
    where: Session,
    run_id: str,
    outcome: dict[str, Any],
    latency_ms: int,
    input_chars: int,
) -> None:
    model = job.settings.ai_model if outcome["provider"] != "offline" else "offline"
    text = outcome.get("text")
    cursors = 2 if text is not None else 1
    async with job.database.session() as session:
        # Cursors first: the session's lock (on SQLite the write lock) before any read.
        last = await repo.take_cursors(session, where.app_id, where.id, cursors)
        run = await repo.run(session, run_id)
        if last is None or run is None or run.status in TERMINAL:
            await session.rollback()
            return
        appended = []
        if text is not None:
            bubbles = [part.strip() for part in text.split("\n\n") if part.strip()] or [text]
            payload: dict[str, Any] = {"text": "\n".join(bubbles), "bubbles": bubbles}
            if run.reply_mode == PROACTIVE:
                payload["proactive"] = True
            appended.append(
                add_event(
                    session,
                    run.session_id,
                    last - 1,
                    "message.created",
                    "character",
                    payload,
                    run.id,
                )
            )
        status: dict[str, Any] = {"status": outcome["status"], "run_ref": run.id}
        if "error" in outcome:
            status["error"] = outcome["error"]
        appended.append(
            add_event(session, run.session_id, last, "run.status", "character", status, run.id)
        )
        run.status = outcome["status"]
        run.provider = outcome["provider"]
        run.model = model
        run.model_calls = outcome["calls"]
        run.latency_ms = latency_ms
        run.error = outcome.get("error")
        run.completed_at = utcnow()
        credits = (
            metering.Rates.of(settings).reply(input_chars, len(text)) if text is not None else 0.0
        )
        await metering.settle(session, run, credits, run.provider, model)
        await publish_events(session, run.session_id, appended)
        await session.commit()
