"""What the REST adapter and the GraphQL endpoint cost over Loop's service layer, in one process.

For Loop's issue list (20 and 100 items) it times, on a fresh SQLite file (and PostgreSQL when
FACET_BENCH_PG_DSN is set): the service call alone (baseline), the generated REST route and the
GraphQL endpoint with the same document, both through the ASGI app. It prints ms/op, SQL
statements per request and each surface's ratio to the baseline. Run: `make bench`.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from adapters.generated.loop import LIST_ISSUES
from app.db import Database
from app.main import create_app
from app.migrations import upgrade
from app.settings import Settings
from schema.loop import repository, service

KEY = "bench-key"
ROUNDS = 200


async def timed(call: Callable[[], Awaitable[object]]) -> float:
    for _ in range(10):
        await call()
    start = time.perf_counter()
    for _ in range(ROUNDS):
        await call()
    return (time.perf_counter() - start) * 1000 / ROUNDS


async def seed(client: httpx.AsyncClient, count: int) -> None:
    project = (await client.post("/api/projects", json={"name": "P"})).json()["data"]
    for n in range(count):
        body = {"title": f"issue {n}", "type": "task", "projectId": project["id"]}
        assert (await client.post("/api/issues", json=body)).status_code == 201


async def bench(url: str, label: str) -> None:
    await asyncio.to_thread(upgrade, url)
    app = create_app("loop", Settings(database_url=url, loop_api_key=KEY))
    database: Database = app.state.database
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {KEY}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://b", headers=headers) as c:
        seeded = 0
        for items in (20, 100):
            await seed(c, items - seeded)
            seeded = items

            async def baseline(limit: int = items) -> object:
                async with database.session() as session:
                    where = repository.IssueFilter()
                    return await service.list_issues(session, where, limit, 0)

            async def rest(limit: int = items) -> object:
                return (await c.get("/api/issues", params={"limit": limit})).json()

            async def graphql(limit: int = items) -> object:
                query = {"query": LIST_ISSUES.document, "variables": {"limit": limit}}
                return (await c.post("/graphql", json=query)).json()

            base = await timed(baseline)
            for name, call in (("service", baseline), ("rest", rest), ("graphql", graphql)):
                with database.count_statements() as sql:
                    await call()
                ms = base if name == "service" else await timed(call)
                print(
                    f"{label:10} {items:4} items  {name:8} {ms:7.2f} ms/op  "
                    f"{len(sql):2} SQL  {ms / base:5.1f}x service"
                )
    await database.dispose()


async def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        await bench(f"sqlite+aiosqlite:///{Path(workdir) / 'bench.db'}", "sqlite")
    if dsn := os.environ.get("FACET_BENCH_PG_DSN"):
        await bench(dsn, "postgresql")


if __name__ == "__main__":
    asyncio.run(main())
