"""Requests per second under load, over real HTTP: the raw baseline and Facet's REST route for
the 100-item issue list, served side by side by one uvicorn process (one worker) and driven by
`wrk` when it is installed, else by a small asyncio + httpx load generator (slower, and
sharing the CPU with the server, so it reports lower numbers for both). The two take turns in
short rounds, after an untimed one, and each reports its median round: a shared machine's speed
drifts over seconds, and back-to-back runs would put the drift into the ratio."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from typing import Any

import httpx
from starlette.applications import Starlette

from app.main import prepare_heap_for_serving

from .setup import HEADERS, combined_app, database, seed

ITEMS = 100
SECONDS = int(os.environ.get("FACET_BENCH_HTTP_SECONDS", "8"))  # per path, over all rounds
ROUNDS = 4
# Untimed rounds first: both connection pools fill, with their statements prepared.
WARM_UP = 1
CONNECTIONS = 16
PATHS = {"raw": f"/raw/issues?limit={ITEMS}", "rest": f"/bench/issues?limit={ITEMS}"}


def serve_app() -> Starlette:
    """The uvicorn factory: `FACET_BENCH_URL` names the seeded database."""
    app = combined_app(os.environ["FACET_BENCH_URL"])[0]
    prepare_heap_for_serving()  # as `facet serve` does
    return app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_ready(base: str, process: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient(base_url=base) as client:
        for _ in range(100):
            if process.poll() is not None:
                raise RuntimeError("uvicorn exited")
            try:
                if (await client.get("/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("uvicorn did not start")


def with_wrk(url: str) -> float:
    auth = f"Authorization: {HEADERS['Authorization']}"
    seconds = max(1, SECONDS // ROUNDS)
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "-H", auth, url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if match is None or non_2xx:
        raise RuntimeError(f"wrk failed: {output}")
    return float(match[1])


async def with_httpx(url: str) -> float:
    done = 0
    deadline = time.perf_counter() + SECONDS / ROUNDS

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            response = await client.get(url, headers=HEADERS)
            assert response.status_code == 200
            done += 1

    limits = httpx.Limits(max_connections=CONNECTIONS)
    async with httpx.AsyncClient(limits=limits) as client:
        start = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(CONNECTIONS)))
    return done / (time.perf_counter() - start)


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "bench.http_load:serve_app",
        "--factory",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return subprocess.Popen(command, env={**os.environ, "FACET_BENCH_URL": url})


async def run(backend: str) -> dict[str, Any]:
    async with database(backend) as url:
        app, _ = combined_app(url)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://b", headers=HEADERS
            ) as client:
                await seed(client, ITEMS, HEADERS)
        port = free_port()
        process = start_server(url, port)
        try:
            base = f"http://127.0.0.1:{port}"
            await wait_ready(base, process)
            tool = "wrk" if shutil.which("wrk") else "httpx"
            rounds: dict[str, list[float]] = {name: [] for name in PATHS}
            for _ in range(WARM_UP + ROUNDS):
                for name, path in PATHS.items():
                    rounds[name].append(
                        with_wrk(base + path) if tool == "wrk" else await with_httpx(base + path)
                    )
            rates = {name: statistics.median(values[WARM_UP:]) for name, values in rounds.items()}
        finally:
            process.terminate()
            process.wait()
    share = rates["rest"] / rates["raw"]
    print(
        f"{backend:10} HTTP {ITEMS} items, {CONNECTIONS} connections, {tool}: raw "
        f"{rates['raw']:.0f} req/s, rest {rates['rest']:.0f} req/s ({share:.0%} of raw)"
    )
    return {
        "backend": backend,
        "items": ITEMS,
        "tool": tool,
        "requests_per_second": rates,
        "rest_share_of_raw": round(share, 3),
    }
