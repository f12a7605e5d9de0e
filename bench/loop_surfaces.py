"""What Facet's surfaces cost over a raw handler, in one process, on SQLite and PostgreSQL.

For Loop's issue list with project, labels and parent (1, 20, 100 and 200 items) and for the
single-record route `GET /api/issues/{id}`, it times through the same ASGI client:
(a) raw: asyncpg/aiosqlite + orjson sending the same SQL, (b) strawberry: the GraphQL endpoint on
Strawberry's standard executor (parse and validation caches on), (c) rest: Facet's REST route,
(d) graphql: Facet's GraphQL endpoint with the same document, repeated (so compiled). It checks
the surfaces return the same data, prints ms/op, SQL statements per request and ratios to (a),
and writes them to var/bench.json. PostgreSQL runs when reachable (FACET_BENCH_PG_DSN, default
postgresql://postgres@127.0.0.1:5432/postgres). Run: `make bench` or `facet bench`.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from adapters.generated.loop import GET_ISSUE
from adapters.runtime.execute import CompiledPlanExecutor
from app.main import prepare_heap_for_serving

from . import http_load
from .setup import HEADERS, LIST_DOCUMENT, combined_app, database, postgres_reachable, seed

SIZES = (1, 20, 100, 200)
OUTPUT = Path("var/bench.json")
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
Call = Callable[[], Awaitable[Any]]


async def timed(
    calls: dict[str, Call], seconds: float = 2.0, batches: int = 10
) -> dict[str, float]:
    """Each call's median over batches of its mean ms per call, after a warm-up. The calls take
    turns batch by batch: a shared machine's speed drifts, and timing one call after another
    would put the drift into their ratios."""
    for call in calls.values():
        for _ in range(5):
            await call()
    means: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(batches):
        for name, call in calls.items():
            rounds, start = 0, time.perf_counter()
            while time.perf_counter() - start < seconds / batches or rounds < 3:
                await call()
                rounds += 1
            means[name].append((time.perf_counter() - start) * 1000 / rounds)
    return {name: statistics.median(values) for name, values in means.items()}


def data_statements(seen: list[str]) -> int:
    return sum(not s.lstrip().upper().startswith(TRANSACTION) for s in seen)


class Surfaces:
    def __init__(self, client: httpx.AsyncClient, facet: FastAPI, pool: Any) -> None:
        """`facet` is Loop's app, on compiled plans."""
        executor = facet.state.facet.executor
        assert isinstance(executor, CompiledPlanExecutor)
        self.client = client
        self.database = facet.state.database
        self.pool = pool
        self.plans = executor.plans

    async def json(self, method: str, url: str, **kwargs: Any) -> Any:
        response = await self.client.request(method, url, headers=HEADERS, **kwargs)
        assert response.status_code == 200, response.text
        return response.json()

    async def stock(self, call: Call) -> Any:
        self.plans.enabled = False
        try:
            return await call()
        finally:
            self.plans.enabled = True

    async def statements(self, name: str, call: Call) -> int:
        if name == "raw":
            await call()
            return int(self.pool.last_statements)
        with self.database.count_statements() as seen:
            await (self.stock(call) if name == "strawberry" else call())
        return data_statements(seen)

    async def measure(self, case: str, calls: dict[str, Call], backend: str, items: int):
        timings = await timed(
            {
                name: (lambda c=call: self.stock(c)) if name == "strawberry" else call
                for name, call in calls.items()
            }
        )
        rows = [
            {
                "name": f"{case}/{name}",
                "backend": backend,
                "items": items,
                "ms_per_op": round(timings[name], 3),
                "sql_statements": await self.statements(name, call),
            }
            for name, call in calls.items()
        ]
        raw = rows[0]["ms_per_op"]
        for row in rows:
            row["ratio_to_raw"] = round(row["ms_per_op"] / raw, 2)
            print(
                f"{backend:10} {row['name']:18} {items:4} items {row['ms_per_op']:8.2f} ms/op "
                f"{row['sql_statements']:3} SQL {row['ratio_to_raw']:6.2f}x raw"
            )
        return rows


async def same_answers(s: Surfaces, calls: dict[str, Call], unwrap: Callable[[Any], Any]) -> None:
    raw = await calls["raw"]()
    rest = await calls["rest"]()
    stock = unwrap(await s.stock(calls["strawberry"]))
    fast = unwrap(await calls["graphql"]())
    assert raw == rest, "raw baseline and REST route disagree"
    assert stock == fast, "stock and compiled GraphQL disagree"


async def bench_backend(backend: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    async with database(backend) as url:
        app, facet = combined_app(url)
        prepare_heap_for_serving()  # as `facet serve` does
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                s = Surfaces(client, facet, app.state.pool)
                child = await seed(client, max(SIZES), HEADERS)
                for items in SIZES:
                    calls = list_calls(s, items)
                    await same_answers(s, calls, lambda body: body["data"]["issues"])
                    rows += await s.measure("issues", calls, backend, items)
                calls = one_calls(s, child)
                await same_answers(s, calls, lambda body: body["data"]["issue"])
                rows += await s.measure("issue", calls, backend, 1)
    return rows


def list_calls(s: Surfaces, items: int) -> dict[str, Call]:
    graphql = {"query": LIST_DOCUMENT, "variables": {"limit": items}}
    return {
        "raw": lambda: s.json("GET", "/raw/issues", params={"limit": items}),
        "strawberry": lambda: s.json("POST", "/graphql", json=graphql),
        "rest": lambda: s.json("GET", "/bench/issues", params={"limit": items}),
        "graphql": lambda: s.json("POST", "/graphql", json=graphql),
    }


def one_calls(s: Surfaces, id: str) -> dict[str, Call]:
    graphql = {"query": GET_ISSUE.document, "variables": {"id": id}}
    return {
        "raw": lambda: s.json("GET", f"/raw/issues/{id}"),
        "strawberry": lambda: s.json("POST", "/graphql", json=graphql),
        "rest": lambda: s.json("GET", f"/api/issues/{id}"),
        "graphql": lambda: s.json("POST", "/graphql", json=graphql),
    }


async def main(http: bool = True) -> None:
    backends = ["sqlite"] + (["postgresql"] if await postgres_reachable() else [])
    if "postgresql" not in backends:
        print("PostgreSQL not reachable: SQLite only")
    rows = []
    for backend in backends:
        rows += await bench_backend(backend)
    report: dict[str, Any] = {"cases": rows}
    if http:
        report["http"] = [await http_load.run(backend) for backend in backends]
    write(report)


def write(report: dict[str, Any]) -> None:
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    asyncio.run(main())
