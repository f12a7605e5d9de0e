"""How callback deliveries share the job worker, against real receivers on loopback. Hundreds of
callbacks to a receiver that hangs hold back neither a callback to another host (queued with
them or arriving while they hang) nor another queue's jobs, and hundreds being retried do not
hold back a fresh one to the same host; a host holds at most its share of the callback queue's
slots; an attempt ends at the timeout; answers another attempt would not change fail the job at
once, the others are retried."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import select, update

from app.db import Database
from app.jobs import DONE, FAILED, PENDING, Job, JobRun, Queue, Worker, enqueue, utcnow
from app.settings import Settings
from schema.loopos import domain
from schema.loopos.service.callbacks import schedule
from schema.loopos.settings import LooposSettings

from ..app.test_jobs import wait_for
from ..live import Recorder, serving

DECISION = {"prompt": "p", "options": ["red", "blue"], "item_context": "a blue bike"}


@contextmanager
def hanging() -> Iterator[tuple[list[socket.socket], str]]:
    """A receiver that accepts every connection and never answers: yields the connections it
    holds open (one per delivery attempt) and its base URL."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)
    held: list[socket.socket] = []
    closing = threading.Event()

    def accept() -> None:
        while not closing.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield held, f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        closing.set()
        thread.join(5)
        for connection in [*held, server]:
            connection.close()


@pytest.fixture
def receiver() -> Iterator[tuple[Recorder, str]]:
    recorder = Recorder()
    with serving(recorder.app) as url:
        yield recorder, url


def loopos(**values: Any) -> LooposSettings:
    return LooposSettings.model_validate({"allow_private_callbacks": True, **values})


def callbacks_worker(
    database: Database,
    settings: Settings,
    loopos_settings: LooposSettings,
    backoff: float = 0.0,
    **queues: Queue,
) -> Worker:
    fast = settings.model_copy(update={"jobs_poll_seconds": 0.02, "jobs_backoff_seconds": backoff})
    return Worker(database, fast, {**domain.handlers(loopos_settings), **queues})


async def schedule_many(database: Database, url: str, count: int) -> list[str]:
    """Callbacks accepted as a request with `callback_url` is (the mutation calls `schedule`)."""
    settings = loopos()
    async with database.session() as session, session.begin():
        return [
            (
                await schedule(
                    session, settings, "loopos_ai_decision", {**DECISION, "callback_url": url}
                )
            )["job_id"]
            for _ in range(count)
        ]


async def job(database: Database, job_id: str) -> Job:
    async with database.session() as session:
        found = await session.get(Job, job_id)
    assert found is not None
    return found


async def status(database: Database, job_id: str) -> str:
    return (await job(database, job_id)).status


async def test_a_callback_is_not_held_behind_hundreds_to_a_host_that_hangs(
    database: Database, settings: Settings, receiver: tuple[Recorder, str]
) -> None:
    recorder, url = receiver
    other_ran = asyncio.Event()

    async def other(_: JobRun) -> None:
        other_ran.set()

    hung = loopos(callback_concurrency=4, callback_timeout_seconds=120)
    worker = callbacks_worker(database, settings, hung, **{"test.other": Queue(other)})
    with hanging() as (held, dead):
        await schedule_many(database, f"{dead}/hook", 300)
        # Another host than the dead one's 127.0.0.1, in the same batch: the hosts take turns.
        [first] = await schedule_many(database, url.replace("127.0.0.1", "localhost"), 1)
        stop = asyncio.Event()
        running = asyncio.create_task(worker.run(stop))
        try:
            await wait_for(lambda: _is(status(database, first), DONE))
            # The dead host holds three of the four slots, the most one host may.
            await wait_for(lambda: _is(len(held), 3))
            # A callback arriving now, while those hang, takes the slot left for other hosts.
            [later] = await schedule_many(database, url.replace("127.0.0.1", "localhost"), 1)
            await wait_for(lambda: _is(status(database, later), DONE))
            async with database.session() as session, session.begin():
                await enqueue(session, "test.other", {})
            await asyncio.wait_for(other_ran.wait(), 20)
            await asyncio.sleep(0.5)
            assert len(held) == 3 and len(recorder.requests) == 2
        finally:
            stop.set()
            await running


async def test_a_fresh_callback_goes_before_hundreds_of_retries_to_the_same_host(
    database: Database, settings: Settings, receiver: tuple[Recorder, str]
) -> None:
    recorder, url = receiver
    failing = Recorder()
    for _ in range(200):
        failing.reply({"error": "down"}, 503)
    with serving(failing.app) as dead:
        retried = await schedule_many(database, f"{dead}/hook", 200)
        backing_off = callbacks_worker(database, settings, loopos(callback_concurrency=50), 600)
        while await backing_off.run_once(batch=50):
            pass
        assert {(await job(database, job_id)).attempts for job_id in retried} == {1}
        async with database.session() as session, session.begin():
            await session.execute(update(Job).values(next_attempt_at=utcnow()))  # backed off
        # Every one of them is due again; the fresh one, to the same host, goes first.
        [fresh] = await schedule_many(database, f"{url}/hook", 1)
        one_at_a_time = callbacks_worker(database, settings, loopos(callback_concurrency=1))
        assert await one_at_a_time.run_once() == 1
    assert await status(database, fresh) == DONE
    assert len(recorder.requests) == 1 and len(failing.requests) == 200


async def test_an_attempt_ends_at_the_timeout_and_is_retried(
    database: Database, settings: Settings
) -> None:
    with hanging() as (held, dead):
        [slow] = await schedule_many(database, dead, 1)
        quick = loopos(callback_timeout_seconds=0.3)
        assert await callbacks_worker(database, settings, quick).run_once() == 1
        assert len(held) == 1
    stored = await job(database, slow)
    assert (stored.status, stored.attempts) == (PENDING, 1)
    assert stored.last_error == "Undelivered: callback_url did not answer within 0.3 s"


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        (500, (PENDING, "Undelivered: callback_url answered 500")),
        (503, (PENDING, "Undelivered: callback_url answered 503")),
        (408, (PENDING, "Undelivered: callback_url answered 408")),
        (429, (PENDING, "Undelivered: callback_url answered 429")),
        (
            404,
            (FAILED, "Rejected: callback_url answered 404, which another attempt would not change"),
        ),
        (
            401,
            (FAILED, "Rejected: callback_url answered 401, which another attempt would not change"),
        ),
        (
            308,
            (FAILED, "Rejected: callback_url answered 308, which another attempt would not change"),
        ),
    ],
)
async def test_answers_another_attempt_would_not_change_fail_at_once(
    database: Database,
    settings: Settings,
    receiver: tuple[Recorder, str],
    answer: int,
    outcome: tuple[str, str],
) -> None:
    recorder, url = receiver
    recorder.reply({"error": "no"}, answer, {"Location": f"{url}/elsewhere"})
    [job_id] = await schedule_many(database, f"{url}/hook", 1)
    assert await callbacks_worker(database, settings, loopos()).run_once() == 1
    stored = await job(database, job_id)
    assert (stored.status, stored.last_error) == outcome
    assert [request["path"] for request in recorder.requests] == ["/hook"]


async def test_a_refused_connection_is_retried(database: Database, settings: Settings) -> None:
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    [job_id] = await schedule_many(database, f"http://127.0.0.1:{port}/hook", 1)
    assert await callbacks_worker(database, settings, loopos()).run_once() == 1
    stored = await job(database, job_id)
    assert (stored.status, stored.attempts) == (PENDING, 1)
    assert stored.last_error == "Undelivered: callback_url could not be reached (ConnectError)"
    async with database.session() as session:
        assert len((await session.scalars(select(Job))).all()) == 1


async def _is(value: Any, expected: object) -> bool:
    return (await value if asyncio.iscoroutine(value) else value) == expected
