"""What every benchmark shares: throwaway databases, the Loop app with its raw baseline next to
it, seeded data, and the bench route (Loop's issue list with project, labels and parent, served
by the same `Route`/`run_route` machinery as the generated routes)."""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx
from fastapi import FastAPI, Request
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Mount

from adapters.runtime.route import Route, run_route
from app.main import create_app
from app.migrations import upgrade
from app.settings import Settings
from schema.loop.settings import LoopSettings

from .raw import create_raw_app

KEY = "bench-key"
HEADERS = {"Authorization": f"Bearer {KEY}"}
PG_ADMIN = os.environ.get("FACET_BENCH_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
ISSUE_FIELDS = (
    "id number title description type status priority parentId projectId signalSource "
    "signalPayload hypothesis agentSessionId agentSummary commits pullRequests completedAt "
    "createdAt updatedAt deletedAt"
)
LIST_DOCUMENT = (
    "query benchIssues($limit: Int) { issues(limit: $limit) { items { ...Issue "
    "project { id name description status health goalId createdAt updatedAt deletedAt } "
    "labels { id name color createdAt deletedAt } parent { ...Issue } } total } }\n"
    f"fragment Issue on Issue {{ {ISSUE_FIELDS} }}"
)
BENCH_ROUTE = Route(
    operation="benchIssues", document=LIST_DOCUMENT, field="issues", kind="page", status=200
)


def mount_bench_route(app: FastAPI) -> None:
    app.state.facet.executor.prepare(BENCH_ROUTE.document)

    async def bench_issues(request: Request) -> Response:
        limit = int(request.query_params.get("limit", 50))
        return await run_route(request, BENCH_ROUTE, {"limit": limit})

    app.add_api_route("/bench/issues", bench_issues, methods=["GET"])
    # Near the front, as the routes it stands in for are: registered last, it paid for trying
    # every other route's pattern first (about 100 matches a request; `GET /api/issues` tries 15).
    app.router.routes.insert(0, app.router.routes.pop())


def combined_app(url: str) -> tuple[Starlette, FastAPI]:
    """Raw baseline under /raw, Facet's Loop at the root, in one ASGI app."""
    facet = create_app("loop", Settings(database_url=url), {"loop": LoopSettings(api_key=KEY)})
    mount_bench_route(facet)
    raw, pool = create_raw_app(url)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await pool.open()
        yield
        await pool.close()
        await facet.state.database.dispose()

    app = Starlette(routes=[Mount("/raw", raw), Mount("/", facet)], lifespan=lifespan)
    app.state.pool = pool
    app.state.facet = facet
    return app, facet


async def postgres_reachable() -> bool:
    try:
        connection = await asyncpg.connect(PG_ADMIN, timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await connection.close()
    return True


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(PG_ADMIN)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@asynccontextmanager
async def database(backend: str) -> AsyncIterator[str]:
    """A migrated, empty database of the backend; its SQLAlchemy URL."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as workdir:
            url = f"sqlite+aiosqlite:///{Path(workdir) / 'bench.db'}"
            await asyncio.to_thread(upgrade, url)
            yield url
        return
    name = f"facet_bench_{uuid.uuid4().hex[:10]}"
    await _admin(f'CREATE DATABASE "{name}"')
    try:
        base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
        url = f"{base}/{name}"
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def seed(client: httpx.AsyncClient, count: int, headers: dict[str, str]) -> str:
    """`count` issues, each with a project, two labels and a parent; returns a child's id."""

    async def data(path: str, body: dict[str, object]) -> dict[str, str]:
        response = await client.post(path, json=body, headers=headers)
        assert response.status_code == 201, response.text
        return dict(response.json()["data"])

    project = await data("/api/projects", {"name": "P", "description": "bench"})
    labels = [(await data("/api/labels", {"name": f"l{n}", "color": "#abc"}))["id"] for n in (1, 2)]
    parent = await data(
        "/api/issues", {"title": "root", "type": "plan", "projectId": project["id"]}
    )
    child = ""
    for n in range(count - 1):
        body = {
            "title": f"issue {n}",
            "type": "task",
            "projectId": project["id"],
            "labelIds": labels,
            "parentId": parent["id"],
            "signalPayload": {"n": n, "tags": ["a", "b"]},
        }
        child = (await data("/api/issues", body))["id"]
    return child
