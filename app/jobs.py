"""Durable background jobs: a table and a worker that claims due jobs, runs their queue's handler
and retries failures with exponential backoff. Jobs survive restarts: a claimed job is leased,
so one whose worker died is claimed again when the lease runs out. On PostgreSQL several workers
share the table (`FOR UPDATE SKIP LOCKED`); SQLite serialises writers itself.

Each queue has its own slots in a worker, so a backlog in one never delays another. Inside a
queue, first attempts go before retries, and a queue may group its jobs by a payload key (say,
where a delivery goes): the groups then take turns, so a group's hundreds of due jobs are not
all attempted before another group's one, and no group holds the last quarter of the slots,
so one whose attempts hang leaves room for the others."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Index,
    Integer,
    Select,
    String,
    Text,
    case,
    func,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from .db import Base, Database
from .settings import Settings

log = logging.getLogger("facet.jobs")

PENDING, DONE, FAILED = "pending", "done", "failed"


def utcnow() -> datetime:
    return datetime.now(UTC)


class Job(Base):
    __tablename__ = "facet_jobs"
    __table_args__ = (Index("ix_facet_jobs_due", "status", "next_attempt_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    queue: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # What the handler kept between attempts (e.g. a computed result still to deliver).
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass
class JobRun:
    """One attempt at a job, as its handler sees it; changes to `state` are kept."""

    id: str
    payload: dict[str, Any]
    state: dict[str, Any]
    attempt: int
    settings: Settings
    # The worker's database, for handlers that record their progress as they go.
    database: Database


Handler = Callable[[JobRun], Awaitable[None]]


@dataclass(frozen=True)
class Queue:
    """A queue's handler, and how a worker shares itself out to it."""

    handler: Handler
    # Attempts of this queue's jobs running at once in one worker (None: FACET_JOBS_CONCURRENCY).
    concurrency: int | None = None
    # A payload key whose (string) value groups the queue's jobs; the groups take turns at the
    # slots, and each holds at most `share(slots)` of them.
    fair_by: str | None = None


def share(slots: int) -> int:
    """The most slots one group may hold: all but a quarter (at least one, when there are two)."""
    return max(1, slots - max(1, slots // 4))


@dataclass
class _Running:
    """A queue's attempts running in a worker, and how many of them each group holds."""

    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    held: Counter[str | None] = field(default_factory=Counter)


class GiveUp(Exception):
    """Raised by a handler when another attempt cannot succeed: the job fails at once."""


async def enqueue(session: AsyncSession, queue: str, payload: dict[str, Any]) -> str:
    """Store a job in the caller's transaction; it runs once that commits."""
    now = utcnow()
    job = Job(
        id=uuid.uuid4().hex,
        queue=queue,
        payload=payload,
        state={},
        status=PENDING,
        attempts=0,
        next_attempt_at=now,
        last_error=None,
        created_at=now,
        updated_at=now,
    )
    session.add(job)
    await session.flush()
    return job.id


def backoff(attempt: int, settings: Settings) -> float:
    """Seconds before retrying after failed attempt number `attempt` (1-based)."""
    base = settings.jobs_backoff_seconds * 2 ** (attempt - 1)
    return float(min(base, settings.jobs_backoff_max_seconds))


class Worker:
    def __init__(self, database: Database, settings: Settings, queues: Mapping[str, Queue]) -> None:
        self.database = database
        self.settings = settings
        self.queues = dict(queues)

    def slots(self, queue: str) -> int:
        return self.queues[queue].concurrency or self.settings.jobs_concurrency

    async def run(self, stop: asyncio.Event) -> None:
        """Work until `stop` is set: claim each queue's due jobs whenever it has a free slot (so
        one long job never holds back the others), polling when none is due. Jobs still running
        at the stop are cancelled; their leases run out and they are attempted again."""
        running = {queue: _Running() for queue in self.queues}
        finished = asyncio.Event()

        def done(state: _Running, group: str | None, task: asyncio.Task[None]) -> None:
            state.tasks.discard(task)
            state.held[group] -= 1
            finished.set()

        while not stop.is_set():
            finished.clear()
            started = 0
            for queue, state in running.items():
                free = self.slots(queue) - len(state.tasks)
                for run in await self._claim_safely(queue, free, state.held):
                    group = self._group(queue, run)
                    state.held[group] += 1
                    task = asyncio.create_task(self._attempt(run, queue))
                    state.tasks.add(task)
                    task.add_done_callback(functools.partial(done, state, group))
                    started += 1
            if not started:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.settings.jobs_poll_seconds):
                        await _any_set(stop, finished)
        remaining = [task for state in running.values() for task in state.tasks]
        for task in remaining:
            task.cancel()
        await asyncio.gather(*remaining, return_exceptions=True)

    def _group(self, queue: str, run: JobRun) -> str | None:
        fair_by = self.queues[queue].fair_by
        return run.payload.get(fair_by) if fair_by else None

    async def _claim_safely(
        self, queue: str, slots: int, held: Mapping[str | None, int]
    ) -> list[JobRun]:
        if slots <= 0:
            return []
        try:
            return await self._claim(queue, slots, held)
        except Exception:
            log.exception("job worker could not claim jobs; retrying")
            return []

    async def run_once(self, batch: int = 10) -> int:
        """Claim each queue's due jobs (up to `batch` and its slots), run them concurrently; how
        many ran."""
        claimed = [
            (run, queue)
            for queue in self.queues
            for run in await self._claim(queue, min(batch, self.slots(queue)))
        ]
        await asyncio.gather(*(self._attempt(run, queue) for run, queue in claimed))
        return len(claimed)

    async def _claim(
        self, queue: str, slots: int, held: Mapping[str | None, int] | None = None
    ) -> list[JobRun]:
        """Up to `slots` due jobs of the queue, its groups (if any) holding `held` slots."""
        now = utcnow()
        lease = timedelta(seconds=self.settings.jobs_lease_seconds)
        due = (Job.queue == queue, Job.status == PENDING, Job.next_attempt_at <= now)
        fair_by, most = self.queues[queue].fair_by, share(self.slots(queue))
        chosen = _in_turn(due, fair_by, most, held or {}).limit(slots)
        # Locked apart from the choice: PostgreSQL locks no rows of a query with a window.
        free = select(Job.id).where(Job.id.in_(chosen), *due).with_for_update(skip_locked=True)
        # One statement: on SQLite a transaction that read, then writes after another has
        # committed fails at once ("database is locked") instead of waiting its turn.
        claim = (
            update(Job)
            .where(Job.id.in_(free))
            .values(attempts=Job.attempts + 1, next_attempt_at=now + lease, updated_at=now)
            .returning(Job)
        )
        async with self.database.session() as session:
            # An idle poll only reads: on SQLite every claim is a write, which would take the
            # database's one write lock from the handlers several times a second.
            if await session.scalar(select(Job.id).where(*due).limit(1)) is None:
                return []
        async with self.database.session() as session, session.begin():
            jobs = (await session.scalars(claim, execution_options=_UNSYNCHRONISED)).all()
        return [self._run(job) for job in jobs]

    def _run(self, job: Job) -> JobRun:
        return JobRun(
            job.id, dict(job.payload), dict(job.state), job.attempts, self.settings, self.database
        )

    async def _attempt(self, run: JobRun, queue: str) -> None:
        error: str | None = None
        final = False
        renewal = asyncio.create_task(self._keep_leased(run.id))
        try:
            await self.queues[queue].handler(run)
        except Exception as exc:
            error, final = f"{type(exc).__name__}: {exc}", isinstance(exc, GiveUp)
            log.warning("job %s attempt %d failed: %s", run.id, run.attempt, error)
        finally:
            renewal.cancel()
        await self._record(run, error, final)

    async def _keep_leased(self, job_id: str) -> None:
        """Extend a running job's lease, so no other worker takes it while it is alive."""
        lease = self.settings.jobs_lease_seconds
        while True:
            await asyncio.sleep(lease / 3)
            await self._update(
                job_id,
                {"next_attempt_at": utcnow() + timedelta(seconds=lease)},
                Job.status == PENDING,
            )

    async def _record(self, run: JobRun, error: str | None, final: bool) -> None:
        now = utcnow()
        values: dict[str, Any] = {"state": run.state, "updated_at": now, "last_error": error}
        if error is None:
            values["status"] = DONE
        elif final or run.attempt >= self.settings.jobs_max_attempts:
            values["status"] = FAILED
        else:
            values["next_attempt_at"] = now + timedelta(seconds=backoff(run.attempt, self.settings))
        await self._update(run.id, values)

    async def _update(self, job_id: str, values: dict[str, Any], *where: Any) -> None:
        statement = update(Job).where(Job.id == job_id, *where).values(values)
        async with self.database.session() as session, session.begin():
            await session.execute(statement, execution_options=_UNSYNCHRONISED)


_UNSYNCHRONISED = {"synchronize_session": False}


def _in_turn(
    due: tuple[Any, ...], fair_by: str | None, most: int, held: Mapping[str | None, int]
) -> Select[str]:
    """Due job ids in the order they are claimed: within a group first attempts, then the
    fewest failures, then the longest due; the groups' first jobs before any group's second;
    none past the `most` slots a group may hold, less those it holds."""
    order = (Job.attempts, Job.next_attempt_at)
    if fair_by is None:
        return select(Job.id).where(*due).order_by(*order)
    group = Job.payload[fair_by].as_string()
    turn = func.row_number().over(partition_by=group, order_by=order)
    ranked = select(Job.id, group.label("fair_group"), turn.label("turn"), *order)
    jobs = ranked.where(*due).subquery()
    rooms = [(jobs.c.fair_group == name, most - count) for name, count in held.items() if count]
    room = case(*rooms, else_=most) if rooms else most
    return (
        select(jobs.c.id)
        .where(jobs.c.turn <= room)
        .order_by(jobs.c.turn, jobs.c.attempts, jobs.c.next_attempt_at)
    )


async def _any_set(*events: asyncio.Event) -> None:
    waits = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()
