"""The job worker: a long job holds back no other, and keeps its lease while it runs; a job
whose handler gives up fails at once while other failures are retried."""

from __future__ import annotations

import asyncio

from app.db import Database
from app.jobs import DONE, FAILED, PENDING, GiveUp, Job, JobRun, Worker, enqueue
from app.settings import Settings


async def wait_for(condition, seconds: float = 20.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if await condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached")


async def test_a_long_job_does_not_block_others(database: Database, settings: Settings) -> None:
    # Renewal every lease/3 leaves two thirds of a lease of slack on a loaded machine.
    fast = settings.model_copy(update={"jobs_poll_seconds": 0.02, "jobs_lease_seconds": 1.5})
    release = asyncio.Event()
    attempts: list[str] = []

    async def slow(run: JobRun) -> None:
        attempts.append(run.id)
        await release.wait()

    async def quick(run: JobRun) -> None:
        run.state["ran"] = True

    async def add(queue: str) -> str:
        async with database.session() as session, session.begin():
            return await enqueue(session, queue, {})

    async def status(job_id: str) -> str:
        async with database.session() as session:
            job = await session.get(Job, job_id)
            assert job is not None
            return job.status

    stop = asyncio.Event()
    worker = asyncio.create_task(
        Worker(database, fast, {"test.slow": slow, "test.quick": quick}).run(stop)
    )
    try:
        slow_id = await add("test.slow")
        await wait_for(lambda: _true(bool(attempts)))
        quick_id = await add("test.quick")  # arrives while the slow one runs
        await wait_for(lambda: _is(status(quick_id), DONE))
        await asyncio.sleep(4.5)  # three lease lengths: renewed, so never claimed again
        assert attempts == [slow_id]
        release.set()
        await wait_for(lambda: _is(status(slow_id), DONE))
    finally:
        stop.set()
        await worker


async def test_giving_up_fails_at_once_other_errors_are_retried(
    database: Database, settings: Settings
) -> None:
    async def hopeless(_: JobRun) -> None:
        raise GiveUp("cannot ever succeed")

    async def flaky(_: JobRun) -> None:
        raise RuntimeError("try again")

    async with database.session() as session, session.begin():
        hopeless_id = await enqueue(session, "test.hopeless", {})
        flaky_id = await enqueue(session, "test.flaky", {})
    for queue, handler in (("test.hopeless", hopeless), ("test.flaky", flaky)):
        assert await Worker(database, settings, {queue: handler}).run_once() == 1
    async with database.session() as session:
        hopeless_job = await session.get(Job, hopeless_id)
        flaky_job = await session.get(Job, flaky_id)
    assert hopeless_job is not None and flaky_job is not None
    assert (hopeless_job.status, hopeless_job.attempts) == (FAILED, 1)
    assert hopeless_job.last_error == "GiveUp: cannot ever succeed"
    assert (flaky_job.status, flaky_job.attempts) == (PENDING, 1)


async def _is(value, expected: str) -> bool:
    return await value == expected


async def _true(value: bool) -> bool:
    return value
