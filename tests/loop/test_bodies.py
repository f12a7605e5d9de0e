"""How Loop reads a request body: within its size limit (413 above it, on every route and on
GraphQL, before anything is stored)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings
from schema.loop.settings import LoopSettings

from ..conftest import AUTH, http_client

TOO_LARGE = {"error": "Request body too large"}


def signal(payload_bytes: int) -> dict[str, object]:
    return {"source": "s", "type": "t", "severity": "low", "payload": {"x": "x" * payload_bytes}}


@asynccontextmanager
async def loop_client(
    settings: Settings, domain_settings: dict[str, DomainSettings], **changes: object
) -> AsyncIterator[httpx.AsyncClient]:
    loop = domain_settings["loop"].model_copy(update=changes)
    app = create_app(settings=settings, domain_settings={**domain_settings, "loop": loop})
    async with http_client(app, AUTH) as client:
        yield client
    await app.state.database.dispose()


async def issue_count(client: httpx.AsyncClient) -> int:
    total: int = (await client.get("/api/issues")).json()["total"]
    return total


def test_the_default_limit_is_one_mebibyte(monkeypatch: pytest.MonkeyPatch) -> None:
    assert LoopSettings().max_body_bytes == 1024 * 1024
    monkeypatch.setenv("FACET_LOOP_MAX_BODY_BYTES", "2048")
    assert LoopSettings().max_body_bytes == 2048


async def test_a_body_over_the_limit_is_413_and_stores_nothing(http: httpx.AsyncClient) -> None:
    response = await http.post("/api/signals", json=signal(1024 * 1024))
    assert (response.status_code, response.json()) == (413, TOO_LARGE)
    graphql = {"query": "{ __typename }", "variables": {"padding": "x" * (1024 * 1024)}}
    response = await http.post("/graphql", json=graphql)
    assert (response.status_code, response.json()) == (413, TOO_LARGE)
    assert await issue_count(http) == 0
    assert (await http.post("/api/signals", json=signal(1000))).status_code == 201


async def test_the_limit_is_a_setting_and_holds_for_chunked_bodies(
    settings: Settings, domain_settings: dict[str, DomainSettings], database: Database
) -> None:
    async with loop_client(settings, domain_settings, max_body_bytes=500) as client:
        declared = await client.post("/api/signals", json=signal(600))
        assert (declared.status_code, declared.json()) == (413, TOO_LARGE)

        async def chunks() -> AsyncIterator[bytes]:
            yield b'{"source": "s", "type": "t", "severity": "low", "payload": {"x": "'
            for _ in range(10):
                yield b"x" * 100
            yield b'"}}'

        headers = {"Content-Type": "application/json"}
        streamed = await client.post("/api/signals", content=chunks(), headers=headers)
        assert (streamed.status_code, streamed.json()) == (413, TOO_LARGE)
        assert await issue_count(client) == 0
        assert (await client.post("/api/signals", json=signal(100))).status_code == 201
