"""Runs: started in the request's transaction (the run, its `run.started` event and the job
that executes it), then driven by events. Events are the record of a run; appending one also
moves the run's status, in the same transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.db import Database
from app.events import notifier
from app.jobs import enqueue

from .. import errors
from ..models import Run, RunEvent, as_utc, new_id
from ..repository import conversations as threads_repo
from ..repository import runs as repo
from . import credits, routing
from .auth import Principal
from .conversations import get_thread

QUEUE = "arkloop.run"
BATCH_LIMIT = 500
POLL_SECONDS = 1.0

STATUS_AFTER = {
    "run.started": "running",
    "run.input_requested": "waiting_for_input",
    "run.input_provided": "running",
    "run.completed": "completed",
    "run.failed": "failed",
    "run.cancelled": "cancelled",
    "run.interrupted": "interrupted",
}
TERMINAL = frozenset({"completed", "failed", "cancelled", "interrupted"})
TERMINAL_EVENTS = frozenset(t for t, status in STATUS_AFTER.items() if status in TERMINAL)


async def append_event(
    session: AsyncSession, run: Run, type: str, data: dict[str, Any] | None = None
) -> RunEvent:
    now = utcnow()
    event = RunEvent(
        id=new_id(),
        run_id=run.id,
        seq=await repo.next_seq(session, run.id),
        type=type,
        data=data or {},
        ts=now,
    )
    session.add(event)
    status = STATUS_AFTER.get(type)
    if status is not None:
        run.status = status
    if type == "run.completed":
        run.completed_at = now
    elif type == "run.failed":
        run.failed_at = now
    if status in TERMINAL:
        run.duration_ms = int((now - as_utc(run.created_at)).total_seconds() * 1000)
        await repo.clear_active_run(session, run.thread_id, run.id)
    await session.flush()
    return event


async def create_run(
    session: AsyncSession, who: Principal, thread_id: str, values: dict[str, Any], trace_id: str
) -> Run:
    thread = await get_thread(session, who, thread_id)
    if thread.active_run_id is not None:
        active = await repo.run_by_id(session, thread.active_run_id)
        if active is not None and active.status not in TERMINAL:
            raise errors.RunBusy("The thread already has an active run")
    await credits.require_credits(session, who.account_id)
    chosen = await routing.choose_for_new_run(session, who.account_id, values.get("model"))
    if chosen is not None:  # the run records the model it talks to
        values = {**values, "model": chosen.selector}
    run = Run(
        id=new_id(),
        account_id=who.account_id,
        thread_id=thread.id,
        created_by_user_id=who.user_id,
        status="running",
        last_seq=0,
        trace_id=trace_id,
        created_at=utcnow(),
        **values,
    )
    session.add(run)
    await session.flush()
    if not await repo.take_thread(session, thread.id, thread.active_run_id, run.id, run.created_at):
        raise errors.RunBusy("The thread already has an active run")
    started = {key: values.get(key) for key in ("persona_id", "route_id", "model")}
    await append_event(session, run, "run.started", started)
    await enqueue(session, QUEUE, {"run_id": run.id})
    return run


async def retry(session: AsyncSession, who: Principal, thread_id: str, trace_id: str) -> Run:
    """Drop the thread's last assistant message and run again."""
    thread = await get_thread(session, who, thread_id)
    last = await threads_repo.last_assistant_message(session, thread.id)
    if last is not None:
        last.deleted_at = utcnow()
    values = {"resume_from_run_id": last.run_id if last is not None else None}
    return await create_run(session, who, thread.id, values, trace_id)


async def get_run(session: AsyncSession, who: Principal, id: str) -> Run:
    run = await repo.run(session, who.account_id, id)
    if run is None:
        raise errors.RunNotFound()
    return run


async def list_runs(
    session: AsyncSession, who: Principal, limit: int, status: str | None, before_id: str | None
) -> Sequence[Run]:
    """The account's runs, newest first (those older than the run `before_id`, when given)."""
    before = None
    if before_id is not None:
        anchor = await get_run(session, who, before_id)
        before = (anchor.created_at, anchor.id)
    where = repo.RunFilter(account_id=who.account_id, limit=limit, status=status, before=before)
    return await repo.runs(session, where)


async def thread_runs(
    session: AsyncSession, who: Principal, thread_id: str, limit: int
) -> Sequence[Run]:
    thread = await get_thread(session, who, thread_id)
    where = repo.RunFilter(account_id=who.account_id, limit=limit, thread_id=thread.id)
    return await repo.runs(session, where)


async def cancel(session: AsyncSession, who: Principal, id: str) -> None:
    """Ask the executor to stop; a finished run stays as it is."""
    run = await get_run(session, who, id)
    if run.status not in TERMINAL:
        await append_event(session, run, "run.cancel_requested", {})


async def provide_input(session: AsyncSession, who: Principal, id: str, content: str) -> None:
    run = await get_run(session, who, id)
    if run.status != "waiting_for_input":
        raise errors.RunNotWaiting("The run is not waiting for input")
    await append_event(session, run, "run.input_provided", {"content": content})


async def follow(
    database: Database, run_id: str, after_seq: int, keep_following: bool
) -> AsyncIterator[RunEvent]:
    """The run's events after `after_seq`, in order, each once; when following, new ones as
    they are committed, until the run's terminal event."""
    while True:
        seen = notifier.version(run_id)
        async with database.session() as session:
            events = await repo.events_after(session, run_id, after_seq, BATCH_LIMIT)
            run = await repo.run_by_id(session, run_id) if not events else None
        for event in events:
            yield event
            after_seq = event.seq
            if event.type in TERMINAL_EVENTS:
                return
        if len(events) == BATCH_LIMIT:
            continue
        if not keep_following or (run is not None and run.status in TERMINAL):
            return
        await notifier.wait(run_id, seen, POLL_SECONDS)
