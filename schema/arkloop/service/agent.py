"""Executing a run (the `arkloop.run` job): the thread's messages go to the AI provider, its
streamed answer becomes `message.delta` events and then the assistant message. Cancellation is
checked between pieces. Without a model (the offline provider), the run answers with a fixed,
plainly labelled notice instead of model output."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.ai import CapabilityMissing, Message, Provider, Usage, provider_for
from app.ai.types import Role
from app.clock import utcnow
from app.db import Database
from app.errors import DomainError
from app.events import notifier
from app.jobs import JobRun

from .. import errors
from ..models import Message as MessageRow
from ..models import Run, new_id
from ..repository import conversations as threads_repo
from ..repository import runs as repo
from ..settings import ArkloopSettings
from . import credits, routing
from .runs import TERMINAL, append_event

log = logging.getLogger("facet.arkloop")
OFFLINE_DELAY_SECONDS = 0.02
OFFLINE_NOTICE = (
    "[offline] No language model is configured on this server (FACET_AI_PROVIDER=offline), "
    "so this reply was not written by a model. Your message was received: “{quote}”. "
    "Set FACET_AI_PROVIDER=openai, FACET_AI_BASE_URL and FACET_AI_API_KEY to get answers."
)


class Cancelled(Exception):
    pass


async def execute(domain: ArkloopSettings, job: JobRun) -> None:
    run_id = str(job.payload["run_id"])
    database = job.database
    async with database.session() as session:
        run = await repo.run_by_id(session, run_id)
        if run is None or run.status in TERMINAL:
            return
        history = await threads_repo.messages(session, run.thread_id, None)
        chosen = await routing.choose(session, run.account_id, run.model)
        spent_out = not await credits.has_credits(session, run.account_id)
    if spent_out:  # another run spent the last credits after this one was accepted
        refused = errors.CreditsExhausted()
        data = {"error_class": refused.code, "message": refused.message}
        await _record(database, run_id, "run.failed", data)
        return
    if job.attempt > 1:  # a worker died mid-run: what it streamed cannot be resumed
        await _record(database, run_id, "run.interrupted", {"reason": "worker restarted"})
        return
    prompt = [Message(role=_role(m.role), text=m.content) for m in history]
    provider, provider_name = _provider(domain, job, chosen)
    usage = Usage()
    try:
        text = await _stream(database, run_id, _answer(provider, prompt, usage))
    except Cancelled:
        await _record(database, run_id, "run.cancelled", {})
        return
    except DomainError as error:
        data = {"error_class": error.code.lower(), "message": error.message}
        await _record(database, run_id, "run.failed", data)
        return
    spent = Spent(usage, routing.cost(chosen, usage) if chosen else None)
    await _complete(database, domain, run_id, text, provider_name, spent)


def _provider(
    domain: ArkloopSettings, job: JobRun, chosen: routing.Chosen | None
) -> tuple[Provider, str]:
    """The provider that answers, and the name the run's events give it."""
    if chosen is None:
        provider = provider_for(job.settings)
        return provider, provider.name
    return routing.model_provider(job.settings, domain, chosen), chosen.provider.name


def _role(role: str) -> Role:
    return "assistant" if role == "assistant" else "user"


async def _answer(
    provider: Provider, prompt: Sequence[Message], usage: Usage
) -> AsyncIterator[str]:
    try:
        async for piece in provider.stream(prompt, usage=usage):
            yield piece
    except CapabilityMissing:
        async for piece in _offline(prompt):
            yield piece


async def _offline(prompt: Sequence[Message]) -> AsyncIterator[str]:
    last = next((m.text for m in reversed(prompt) if m.role == "user"), "")
    quote = last if len(last) <= 200 else last[:200] + "…"
    words = OFFLINE_NOTICE.format(quote=quote).split(" ")
    for index, word in enumerate(words):
        await asyncio.sleep(OFFLINE_DELAY_SECONDS)
        yield word if index == len(words) - 1 else word + " "


async def _stream(database: Database, run_id: str, pieces: AsyncIterator[str]) -> str:
    text: list[str] = []
    await _check_cancel(database, run_id)
    async for piece in pieces:
        await _check_cancel(database, run_id)
        if not piece:
            continue
        text.append(piece)
        data = {"content_delta": piece, "role": "assistant"}
        await _record(database, run_id, "message.delta", data)
    return "".join(text)


async def _check_cancel(database: Database, run_id: str) -> None:
    async with database.session() as session:
        if await repo.has_event(session, run_id, "run.cancel_requested"):
            raise Cancelled


async def _record(database: Database, run_id: str, type: str, data: dict[str, Any]) -> None:
    async with database.session() as session, session.begin():
        run = await repo.run_by_id(session, run_id)
        assert run is not None
        if run.status not in TERMINAL:
            await append_event(session, run, type, data)
    notifier.notify(run_id)


@dataclass(frozen=True)
class Spent:
    usage: Usage
    cost_usd: float | None


async def _complete(
    database: Database,
    domain: ArkloopSettings,
    run_id: str,
    text: str,
    provider: str,
    spent: Spent,
) -> None:
    """The assistant message, what the run spent (tokens, cost, and its credits) and
    `run.completed`, committed together."""
    async with database.session() as session, session.begin():
        run = await repo.run_by_id(session, run_id)
        assert run is not None
        if run.status in TERMINAL:
            return
        await _add_reply(session, run, text)
        run.total_input_tokens = spent.usage.input_tokens
        run.total_output_tokens = spent.usage.output_tokens
        run.total_cost_usd = spent.cost_usd
        await credits.charge(session, domain, run)
        await append_event(
            session, run, "run.completed", {"provider": provider, "model": run.model}
        )
    notifier.notify(run_id)


async def _add_reply(session: AsyncSession, run: Run, text: str) -> None:
    session.add(
        MessageRow(
            id=new_id(),
            account_id=run.account_id,
            thread_id=run.thread_id,
            run_id=run.id,
            role="assistant",
            content=text,
            created_at=utcnow(),
        )
    )
