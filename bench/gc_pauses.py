"""How long the cyclic garbage collector stops the process while Loop serves, for the young-
generation threshold `facet serve` used to set (50,000) against the one it sets now, in one
process on SQLite (and PostgreSQL when reachable).

Both run on a heap prepared as `facet serve` prepares it (collected, then frozen). A request
loop of CONNECTIONS concurrent clients alternates `GET /api/issues/{id}` and the 20-item list
with project, labels and parent, through the ASGI client; the settings take turns in ROUNDS
rounds. `gc.callbacks` times every collection: per setting it prints how many there were per
request, their p99 and longest pause in CPU time (every request in flight waits that long),
and the process's CPU time per request, then the ratios of the current setting to the raised
one.
Run: `.venv/bin/python -m bench.gc_pauses`."""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from app.main import GC_THRESHOLDS, prepare_heap_for_serving

from .setup import HEADERS, combined_app, database, postgres_reachable, seed

RAISED = (50_000, 10, 10)
SETTINGS = {"raised": RAISED, "current": GC_THRESHOLDS}
REQUESTS = int(os.environ.get("FACET_BENCH_GC_REQUESTS", "3000"))  # per setting and round
ROUNDS = 3
CONNECTIONS = 16


@contextmanager
def collections() -> Iterator[list[float]]:
    """The pause of every collection (ms) while the block runs, as the thread's CPU time: on a
    loaded machine the wall clock would count the time the process was not scheduled."""
    pauses: list[float] = []
    started = 0

    def timing(phase: str, _: dict[str, Any]) -> None:
        nonlocal started
        if phase == "start":
            started = time.thread_time_ns()
        else:
            pauses.append((time.thread_time_ns() - started) / 1e6)

    gc.callbacks.append(timing)
    try:
        yield pauses
    finally:
        gc.callbacks.remove(timing)


async def request_loop(client: httpx.AsyncClient, paths: list[str], count: int) -> None:
    remaining = count

    async def connection() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            response = await client.get(paths[remaining % len(paths)], headers=HEADERS)
            assert response.status_code == 200, response.text

    await asyncio.gather(*(connection() for _ in range(CONNECTIONS)))


async def one_round(
    client: httpx.AsyncClient, paths: list[str], thresholds: tuple[int, int, int]
) -> tuple[list[float], float]:
    """The collections' pauses, and the CPU ms per request, of REQUESTS requests."""
    gc.collect()  # each round starts from the same young generations
    gc.set_threshold(*thresholds)
    cpu = time.process_time()
    with collections() as pauses:
        await request_loop(client, paths, REQUESTS)
    return pauses, (time.process_time() - cpu) * 1000 / REQUESTS


def p99(values: list[float]) -> float:
    if len(values) < 2:
        return max(values, default=0.0)
    return statistics.quantiles(values, n=100, method="inclusive")[98]


async def bench_backend(backend: str) -> dict[str, dict[str, float]]:
    before = gc.get_threshold()
    async with database(backend) as url:
        app, _ = combined_app(url)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                child = await seed(client, 100, HEADERS)
                paths = [f"/api/issues/{child}", "/bench/issues?limit=20"]
                await request_loop(client, paths, 200)  # pools filled, plans compiled
                prepare_heap_for_serving()
                pauses: dict[str, list[float]] = {name: [] for name in SETTINGS}
                cpu: dict[str, list[float]] = {name: [] for name in SETTINGS}
                try:
                    for _ in range(ROUNDS):
                        for name, thresholds in SETTINGS.items():
                            found, ms = await one_round(client, paths, thresholds)
                            pauses[name] += found
                            cpu[name].append(ms)
                finally:
                    gc.unfreeze()
                    gc.set_threshold(*before)
    return {
        name: {
            "collections_per_request": len(pauses[name]) / (REQUESTS * ROUNDS),
            "p99_pause_ms": p99(pauses[name]),
            "max_pause_ms": max(pauses[name], default=0.0),
            "cpu_ms_per_request": statistics.median(cpu[name]),
        }
        for name in SETTINGS
    }


def report(backend: str, results: dict[str, dict[str, float]]) -> None:
    for name, figures in results.items():
        print(
            f"{backend:10} {name:8} {SETTINGS[name]!s:18} "
            f"{figures['collections_per_request']:6.3f} collections/request, pause p99 "
            f"{figures['p99_pause_ms']:6.2f} ms, max {figures['max_pause_ms']:6.2f} ms, "
            f"{figures['cpu_ms_per_request']:5.2f} CPU ms/request"
        )
    current, raised = results["current"], results["raised"]
    ratios = ", ".join(
        f"{label} {current[key] / raised[key]:.2f}x"
        for label, key in (
            ("p99 pause", "p99_pause_ms"),
            ("max pause", "max_pause_ms"),
            ("CPU/request", "cpu_ms_per_request"),
        )
        if raised[key]
    )
    print(f"{backend:10} current / raised: {ratios}")


async def main() -> None:
    backends = ["sqlite"] + (["postgresql"] if await postgres_reachable() else [])
    for backend in backends:
        report(backend, await bench_backend(backend))


if __name__ == "__main__":
    asyncio.run(main())
