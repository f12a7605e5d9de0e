"""How long one LoopOS callback waits behind callbacks that cannot be delivered, against the same
callback with nothing ahead of it, on SQLite and PostgreSQL, through the job worker as
`facet serve` runs it (default concurrency, timeout and backoff; polling every 50 ms, so the
delays are not the poll's) and a real receiver on loopback.

Ahead of it, in turn: BACKLOG callbacks to a host that never answers, BACKLOG to a host that
answers 503 (both another host than the callback's), and BACKLOG to its own host that have
failed once and are due again. For each it prints the delay's ratio to the lone callback's and
how many other delivery attempts began before the callback was delivered; one not delivered
within LIMIT seconds is reported as such. Run: `.venv/bin/python -m bench.callbacks`."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import delete, func, select

from app.db import Database
from app.jobs import DONE, Job, Worker
from app.settings import Settings
from schema.loopos import domain
from schema.loopos.service.callbacks import schedule
from schema.loopos.settings import LooposSettings

from .setup import database, postgres_reachable

BACKLOG = int(os.environ.get("FACET_BENCH_CALLBACK_BACKLOG", "300"))
LIMIT = 120.0
DECISION = {"prompt": "p", "options": ["red", "blue"], "item_context": "a blue bike"}
LOOPOS = LooposSettings(allow_private_callbacks=True)


@contextmanager
def receiver() -> Iterator[int]:
    """One server on 127.0.0.1: /ok answers 200, /fail 503, /hang never (until it closes)."""
    closing = threading.Event()

    class Answer(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path == "/hang":
                closing.wait()
            self.send_response(200 if self.path == "/ok" else 503)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        closing.set()
        server.shutdown()
        server.server_close()


async def add(db: Database, url: str, count: int) -> list[str]:
    async with db.session() as session, session.begin():
        request = {**DECISION, "callback_url": url}
        return [
            (await schedule(session, LOOPOS, "loopos_ai_decision", request))["job_id"]
            for _ in range(count)
        ]


async def attempts(db: Database) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.coalesce(func.sum(Job.attempts), 0))))


async def until(condition: Callable[[], Awaitable[bool]], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await condition():
            return True
        await asyncio.sleep(0.01)
    return False


async def delivery(db: Database, url: str) -> tuple[float | None, int]:
    """Seconds until a new callback to `url` is delivered (None past LIMIT), and the attempts
    at other callbacks begun meanwhile."""
    before = await attempts(db)
    start = time.perf_counter()
    [job_id] = await add(db, url, 1)

    async def delivered() -> bool:
        async with db.session() as session:
            job = await session.get(Job, job_id)
        return job is not None and job.status == DONE

    done = await until(delivered, LIMIT)
    elapsed = time.perf_counter() - start
    return (elapsed if done else None), await attempts(db) - before - 1


@asynccontextmanager
async def worker_on(url: str) -> AsyncIterator[Database]:
    """The database emptied, and a job worker running on it as `facet serve` runs one."""
    db = Database(url)
    async with db.session() as session, session.begin():
        await session.execute(delete(Job))
    stop = asyncio.Event()
    settings = Settings(database_url=url, jobs_poll_seconds=0.05)
    worker = Worker(db, settings, domain.handlers(LOOPOS))
    running = asyncio.create_task(worker.run(stop))
    try:
        yield db
    finally:
        stop.set()
        await running
        await db.dispose()


async def scenario(
    url: str, port: int, ahead: str | None, retried: bool
) -> tuple[float | None, int]:
    async with worker_on(url) as db:
        if ahead is not None:
            await add(db, f"http://127.0.0.1:{port}{ahead}", BACKLOG)
        if retried:

            async def all_failed_once() -> bool:
                async with db.session() as session:
                    fresh = select(func.count()).where(Job.attempts == 0)
                    return not await session.scalar(fresh)

            await until(all_failed_once, LIMIT)
            await asyncio.sleep(Settings().jobs_backoff_seconds)  # all due again
        host = "127.0.0.1" if retried else "localhost"
        return await delivery(db, f"http://{host}:{port}/ok")


CASES = {
    "alone": (None, False),
    f"behind {BACKLOG} to a host that hangs": ("/hang", False),
    f"behind {BACKLOG} to a host answering 503": ("/fail", False),
    f"behind {BACKLOG} retries to its own host": ("/fail", True),
}


async def bench_backend(backend: str) -> None:
    async with database(backend) as url:
        with receiver() as port:
            await scenario(url, port, None, False)  # untimed: the first delivery warms up
            results = {name: await scenario(url, port, *case) for name, case in CASES.items()}
    alone = results["alone"][0] or LIMIT
    print(f"{backend}: the lone callback is delivered in {alone * 1000:.0f} ms")
    for name, (seconds, others) in results.items():
        delay = f"{seconds / alone:8.1f}x" if seconds is not None else f"> {LIMIT / alone:.0f}x"
        print(f"{backend:10} {name:40} delay {delay}  other attempts first {others:5}")


async def main() -> None:
    backends = ["sqlite"] + (["postgresql"] if await postgres_reachable() else [])
    for backend in backends:
        await bench_backend(backend)


if __name__ == "__main__":
    asyncio.run(main())
