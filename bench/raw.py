"""The raw baseline: hand-written handlers on asyncpg (or aiosqlite) and orjson that send the
same SQL statements the resolvers and dataloaders send and write the same JSON bodies. It is a
plain Starlette app, so it is timed through the same ASGI client and HTTP server as Facet."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import aiosqlite
import asyncpg
import orjson
from sqlalchemy.engine import make_url
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from schema._shared.scalars import format_datetime

ISSUE = [
    "id",
    "number",
    "title",
    "description",
    "type",
    "status",
    "priority",
    "parent_id",
    "project_id",
    "signal_source",
    "signal_payload",
    "hypothesis",
    "agent_session_id",
    "agent_summary",
    "commits",
    "pull_requests",
    "completed_at",
    "created_at",
    "updated_at",
    "deleted_at",
]
PROJECT = [
    "id",
    "name",
    "description",
    "status",
    "health",
    "goal_id",
    "created_at",
    "updated_at",
    "deleted_at",
]
LABEL = ["id", "name", "color", "created_at", "deleted_at"]
RELATION = ["id", "type", "issue_id", "related_issue_id", "created_at"]
JSON_COLUMNS = {"signal_payload", "hypothesis", "commits", "pull_requests"}
TIME_COLUMNS = {"completed_at", "created_at", "updated_at", "deleted_at"}


def columns(table: str, names: list[str]) -> str:
    return ", ".join(f"{table}.{name}" for name in names)


LIVE = "loop_issues.deleted_at IS NULL ORDER BY loop_issues.created_at, loop_issues.id"
COUNT = (
    "SELECT count(*) AS count_1 FROM (SELECT "
    + ", ".join(f"loop_issues.{n} AS {n}" for n in ISSUE)
    + f" FROM loop_issues WHERE {LIVE}) AS anon_1"
)
PAGE = f"SELECT {columns('loop_issues', ISSUE)} FROM loop_issues WHERE {LIVE} LIMIT ? OFFSET ?"
# `{}` in a `*_BY_KEYS` statement is where the keys go, as one parameter (`Connection.fetch_keys`).
ISSUES_BY_KEYS = (
    f"SELECT {columns('loop_issues', ISSUE)} FROM loop_issues WHERE loop_issues.id {{}}"
)
ISSUE_LIVE = (
    f"SELECT {columns('loop_issues', ISSUE)} FROM loop_issues "
    "WHERE loop_issues.id = ? AND loop_issues.deleted_at IS NULL"
)
CHILDREN_BY_KEYS = (
    f"SELECT {columns('loop_issues', ISSUE)} FROM loop_issues WHERE loop_issues.deleted_at IS NULL"
    " AND loop_issues.parent_id {} ORDER BY loop_issues.created_at, loop_issues.id"
)
PROJECTS_BY_KEYS = (
    f"SELECT {columns('loop_projects', PROJECT)} FROM loop_projects WHERE loop_projects.id {{}}"
)
LABELS_BY_KEYS = (
    f"SELECT loop_issue_labels.issue_id, {columns('loop_labels', LABEL)} FROM loop_issue_labels "
    "JOIN loop_labels ON loop_labels.id = loop_issue_labels.label_id WHERE "
    "loop_issue_labels.issue_id {} AND loop_labels.deleted_at IS NULL "
    "ORDER BY loop_labels.name"
)
RELATIONS_BY_KEYS = (
    f"SELECT {columns('loop_issue_relations', RELATION)} FROM loop_issue_relations WHERE "
    "loop_issue_relations.issue_id {} ORDER BY loop_issue_relations.created_at, "
    "loop_issue_relations.id"
)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


KEYS = {name: camel(name) for name in {*ISSUE, *PROJECT, *LABEL, *RELATION}}


def record(row: Sequence[Any], names: list[str]) -> dict[str, Any]:
    out = {}
    for name, value in zip(names, row, strict=True):
        if value is not None and name in TIME_COLUMNS:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
            value = format_datetime(moment)
        elif isinstance(value, str) and name in JSON_COLUMNS:
            value = orjson.loads(value)
        out[KEYS[name]] = value
    return out


class Connection:
    """One driver connection, placeholders written `?` and turned into `$n` for asyncpg; every
    statement is counted."""

    def __init__(self, raw: Any, postgres: bool) -> None:
        self.raw = raw
        self.postgres = postgres
        self.statements = 0

    async def fetch(self, sql: str, *args: Any) -> list[Sequence[Any]]:
        self.statements += 1
        if self.postgres:
            parts = sql.split("?")
            numbered = parts[0] + "".join(f"${i}{p}" for i, p in enumerate(parts[1:], 1))
            return list(await self.raw.fetch(numbered, *args))
        async with self.raw.execute(sql, args) as cursor:
            return list(await cursor.fetchall())

    async def fetch_keys(self, sql: str, keys: Sequence[str]) -> list[Sequence[Any]]:
        """All keys as one parameter, as Loop's batch readers send them."""
        if self.postgres:
            return await self.fetch(sql.format("= ANY (?::VARCHAR[])"), list(keys))
        match = "IN (SELECT anon_1.value FROM json_each(?) AS anon_1)"
        return await self.fetch(sql.format(match), orjson.dumps(list(keys)).decode())


class Pool:
    def __init__(self, url: str, size: int = 10) -> None:
        parsed = make_url(url)
        self.postgres = parsed.get_backend_name() != "sqlite"
        self.dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        self.path = parsed.database or ""
        self.size = size
        self.pg: asyncpg.Pool | None = None
        self.sqlite: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        self.last_statements = 0

    async def open(self) -> None:
        if self.postgres:
            # No reset queries when a connection goes back: SQLAlchemy's pool sends none either.
            self.pg = await asyncpg.create_pool(
                self.dsn, min_size=1, max_size=self.size, reset=_nothing_to_reset
            )
            return
        for _ in range(self.size):
            connection = await aiosqlite.connect(self.path, isolation_level=None)
            await connection.execute("PRAGMA journal_mode=WAL")
            self.sqlite.put_nowait(connection)

    async def close(self) -> None:
        if self.pg is not None:
            await self.pg.close()
        while not self.sqlite.empty():
            await self.sqlite.get_nowait().close()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        """A connection for one request's reads, sent as Facet sends them: on PostgreSQL
        outside an explicit transaction (Facet's reads leave SQLAlchemy's lazy BEGIN unsent),
        on SQLite in one."""
        if self.pg is not None:
            async with self.pg.acquire() as raw:
                connection = Connection(raw, True)
                yield connection
        else:
            raw = await self.sqlite.get()
            try:
                await raw.execute("BEGIN")
                connection = Connection(raw, False)
                yield connection
                await raw.execute("COMMIT")
            finally:
                self.sqlite.put_nowait(raw)
        self.last_statements = connection.statements


async def _nothing_to_reset(_: asyncpg.Connection) -> None:
    pass


def unique(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if v is not None))


async def issue_list(db: Connection, limit: int) -> dict[str, Any]:
    """`issues(limit) { total items { ...Issue project labels parent } }`."""
    total = (await db.fetch(COUNT))[0][0]
    rows = await db.fetch(PAGE, limit, 0)
    issues = [record(row, ISSUE) for row in rows]
    project_ids = unique(issue["projectId"] for issue in issues)
    projects = await db.fetch_keys(PROJECTS_BY_KEYS, project_ids) if project_ids else []
    by_project = {row[0]: record(row, PROJECT) for row in projects}
    labels: dict[str, list[dict[str, Any]]] = {}
    for row in await db.fetch_keys(LABELS_BY_KEYS, [issue["id"] for issue in issues]):
        labels.setdefault(row[0], []).append(record(row[1:], LABEL))
    parent_ids = unique(issue["parentId"] for issue in issues)
    parents = await db.fetch_keys(ISSUES_BY_KEYS, parent_ids) if parent_ids else []
    by_parent = {row[0]: record(row, ISSUE) for row in parents}
    for issue in issues:
        issue["project"] = by_project.get(issue["projectId"])
        issue["labels"] = labels.get(issue["id"], [])
        issue["parent"] = by_parent.get(issue["parentId"])
    return {"data": issues, "total": total}


async def one_issue(db: Connection, id: str) -> dict[str, Any] | None:
    """The `getIssue` route: the issue with parent, children, labels and relations."""
    found = await db.fetch(ISSUE_LIVE, id)
    if not found:
        return None
    issue = record(found[0], ISSUE)
    children = await db.fetch_keys(CHILDREN_BY_KEYS, [id])
    labels = await db.fetch_keys(LABELS_BY_KEYS, [id])
    relations = await db.fetch_keys(RELATIONS_BY_KEYS, [id])
    parent = await db.fetch_keys(ISSUES_BY_KEYS, [issue["parentId"]]) if issue["parentId"] else []
    issue["parent"] = record(parent[0], ISSUE) if parent else None
    issue["children"] = [record(row, ISSUE) for row in children]
    issue["labels"] = [record(row[1:], LABEL) for row in labels]
    issue["relations"] = [record(row, RELATION) for row in relations]
    return {"data": issue}


def json(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def create_raw_app(url: str) -> tuple[Starlette, Pool]:
    pool = Pool(url)

    async def list_route(request: Request) -> Response:
        async with pool.connection() as db:
            body = await issue_list(db, int(request.query_params.get("limit", 50)))
        return json(body)

    async def one_route(request: Request) -> Response:
        async with pool.connection() as db:
            body = await one_issue(db, request.path_params["id"])
        return json(body) if body else json({"error": "Issue not found"}, 404)

    routes = [Route("/issues", list_route), Route("/issues/{id}", one_route)]
    return Starlette(routes=routes), pool
