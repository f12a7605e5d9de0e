"""The job worker: a long job holds back no other, and keeps its lease while it runs; a job
whose handler gives up fails at once while other failures are retried; each queue runs at most
its own number of jobs at once and never waits for another queue's; inside a queue first
attempts go before retries and groups take turns, none holding the last quarter of the slots."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from app.db import Database
from app.jobs import DONE, FAILED, PENDING, GiveUp, Job, JobRun, Queue, Worker, enqueue
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
        Worker(database, fast, {"test.slow": Queue(slow), "test.quick": Queue(quick)}).run(stop)
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
        assert await Worker(database, settings, {queue: Queue(handler)}).run_once() == 1
    async with database.session() as session:
        hopeless_job = await session.get(Job, hopeless_id)
        flaky_job = await session.get(Job, flaky_id)
    assert hopeless_job is not None and flaky_job is not None
    assert (hopeless_job.status, hopeless_job.attempts) == (FAILED, 1)
    assert hopeless_job.last_error == "GiveUp: cannot ever succeed"
    assert (flaky_job.status, flaky_job.attempts) == (PENDING, 1)


async def test_each_queue_runs_its_own_number_of_jobs_beside_the_others(
    database: Database, settings: Settings
) -> None:
    fast = settings.model_copy(update={"jobs_poll_seconds": 0.02})
    release = asyncio.Event()
    running: list[str] = []
    most = 0

    async def stuck(run: JobRun) -> None:
        nonlocal most
        running.append(run.id)
        most = max(most, len(running))
        await release.wait()
        running.remove(run.id)

    async def quick(run: JobRun) -> None:
        run.state["ran"] = True

    async with database.session() as session, session.begin():
        for _ in range(12):
            await enqueue(session, "test.stuck", {})
    queues = {"test.stuck": Queue(stuck, concurrency=3), "test.quick": Queue(quick)}
    stop = asyncio.Event()
    worker = asyncio.create_task(Worker(database, fast, queues).run(stop))
    try:
        await wait_for(lambda: _true(len(running) == 3))
        # Every slot of the stuck queue is taken: the other queue's job still runs at once.
        async with database.session() as session, session.begin():
            quick_id = await enqueue(session, "test.quick", {})
        await wait_for(lambda: _is(_status(database, quick_id), DONE))
        assert most == 3
        release.set()
        await wait_for(lambda: _is(_count(database, "test.stuck", DONE), 12), seconds=30)
        assert most == 3
    finally:
        stop.set()
        await worker


async def test_first_attempts_go_before_retries(database: Database, settings: Settings) -> None:
    retried = settings.model_copy(update={"jobs_backoff_seconds": 0.0})
    ran: list[str] = []

    async def failing(run: JobRun) -> None:
        ran.append(run.payload["name"])
        raise RuntimeError("not yet")

    async with database.session() as session, session.begin():
        for index in range(5):
            await enqueue(session, "test.failing", {"name": f"old-{index}"})
    worker = Worker(database, retried, {"test.failing": Queue(failing, concurrency=1)})
    for _ in range(5):
        await worker.run_once()  # each fails once and is due again at once
    async with database.session() as session, session.begin():
        await enqueue(session, "test.failing", {"name": "new"})
    ran.clear()
    for _ in range(3):
        await worker.run_once()
    assert ran == ["new", "old-0", "old-1"]


async def test_groups_take_turns(database: Database, settings: Settings) -> None:
    ran: list[str | None] = []

    async def record(run: JobRun) -> None:
        ran.append(run.payload.get("to"))

    async with database.session() as session, session.begin():
        for _ in range(20):
            await enqueue(session, "test.grouped", {"to": "busy"})
        await enqueue(session, "test.grouped", {"to": "quiet"})
        await enqueue(session, "test.grouped", {})
        await enqueue(session, "test.grouped", {"to": "quiet"})
    queue = Queue(record, concurrency=3, fair_by="to")
    worker = Worker(database, settings, {"test.grouped": queue})
    assert await worker.run_once() == 3
    assert sorted(ran, key=str) == [None, "busy", "quiet"]
    ran.clear()
    assert await worker.run_once() == 3
    assert sorted(ran, key=str) == ["busy", "busy", "quiet"]


async def test_a_group_leaves_a_quarter_of_the_slots_to_the_others(
    database: Database, settings: Settings
) -> None:
    fast = settings.model_copy(update={"jobs_poll_seconds": 0.02})
    release = asyncio.Event()
    stuck: list[str] = []

    async def deliver(run: JobRun) -> None:
        if run.payload["to"] == "stuck":
            stuck.append(run.id)
            await release.wait()

    async with database.session() as session, session.begin():
        for _ in range(10):
            await enqueue(session, "test.deliver", {"to": "stuck"})
    queue = Queue(deliver, concurrency=8, fair_by="to")
    stop = asyncio.Event()
    worker = asyncio.create_task(Worker(database, fast, {"test.deliver": queue}).run(stop))
    try:
        await wait_for(lambda: _true(len(stuck) == 6))
        async with database.session() as session, session.begin():
            other = await enqueue(session, "test.deliver", {"to": "other"})
        await wait_for(lambda: _is(_status(database, other), DONE))
        assert len(stuck) == 6  # of 8 slots: two are kept for the other groups
    finally:
        release.set()
        stop.set()
        await worker


async def _status(database: Database, job_id: str) -> str:
    async with database.session() as session:
        job = await session.get(Job, job_id)
        assert job is not None
        return job.status


async def _count(database: Database, queue: str, status: str) -> int:
    async with database.session() as session:
        jobs = (await session.scalars(select(Job).where(Job.queue == queue))).all()
    return sum(job.status == status for job in jobs)


async def _is(value, expected: object) -> bool:
    return await value == expected


async def _true(value: bool) -> bool:
    return value
