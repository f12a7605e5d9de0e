"""Durable background jobs: a table and a worker that claims due jobs, runs their queue's handler
and retries failures with exponential backoff. Jobs survive restarts: a claimed job is leased,
so one whose worker died is claimed again when the lease runs out. On PostgreSQL several workers
share the table (`FOR UPDATE SKIP LOCKED`); SQLite serialises writers itself."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, select
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
    def __init__(
        self, database: Database, settings: Settings, handlers: Mapping[str, Handler]
    ) -> None:
        self.database = database
        self.settings = settings
        self.handlers = dict(handlers)

    async def run(self, stop: asyncio.Event) -> None:
        """Work until `stop` is set: claim due jobs whenever a slot is free (so one long job
        never holds back the others), polling when none is due. Jobs still running at the stop
        are cancelled; their leases run out and they are attempted again."""
        running: set[asyncio.Task[None]] = set()
        while not stop.is_set():
            claimed = await self._claim_safely(self.settings.jobs_concurrency - len(running))
            for run, queue in claimed:
                task = asyncio.create_task(self._attempt(run, queue))
                running.add(task)
                task.add_done_callback(running.discard)
            if not claimed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.settings.jobs_poll_seconds)
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)

    async def _claim_safely(self, slots: int) -> list[tuple[JobRun, str]]:
        if slots <= 0:
            return []
        try:
            return await self._claim(slots)
        except Exception:
            log.exception("job worker could not claim jobs; retrying")
            return []

    async def run_once(self, batch: int = 10) -> int:
        """Claim the due jobs (up to `batch`), run them concurrently; how many ran."""
        claimed = await self._claim(batch)
        await asyncio.gather(*(self._attempt(run, queue) for run, queue in claimed))
        return len(claimed)

    async def _claim(self, batch: int) -> list[tuple[JobRun, str]]:
        now = utcnow()
        lease = timedelta(seconds=self.settings.jobs_lease_seconds)
        query = (
            select(Job)
            .where(Job.status == PENDING, Job.next_attempt_at <= now)
            .where(Job.queue.in_(self.handlers))
            .order_by(Job.next_attempt_at)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
        async with self.database.session() as session, session.begin():
            jobs = list((await session.scalars(query)).all())
            for job in jobs:
                job.attempts += 1
                job.next_attempt_at = now + lease
                job.updated_at = now
        return [(self._run(job), job.queue) for job in jobs]

    def _run(self, job: Job) -> JobRun:
        return JobRun(
            job.id, dict(job.payload), dict(job.state), job.attempts, self.settings, self.database
        )

    async def _attempt(self, run: JobRun, queue: str) -> None:
        error: str | None = None
        final = False
        renewal = asyncio.create_task(self._keep_leased(run.id))
        try:
            await self.handlers[queue](run)
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
            async with self.database.session() as session, session.begin():
                job = await session.get(Job, job_id)
                if job is not None and job.status == PENDING:
                    job.next_attempt_at = utcnow() + timedelta(seconds=lease)

    async def _record(self, run: JobRun, error: str | None, final: bool) -> None:
        now = utcnow()
        async with self.database.session() as session, session.begin():
            job = await session.get(Job, run.id)
            assert job is not None
            job.state = run.state
            job.updated_at = now
            job.last_error = error
            if error is None:
                job.status = DONE
            elif final or run.attempt >= self.settings.jobs_max_attempts:
                job.status = FAILED
            else:
                job.next_attempt_at = now + timedelta(seconds=backoff(run.attempt, self.settings))
