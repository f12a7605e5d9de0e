from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI

from app.db import Database
from app.domain import DomainSettings
from app.jobs import Worker
from app.settings import Settings
from schema.arkloop import domain
from schema.arkloop.service import agent
from schema.arkloop.settings import ArkloopSettings

from ..live import Recorder, serving
from .api import GraphQL, Rest


def arkloop_client(app: FastAPI) -> httpx.AsyncClient:
    """Arkloop as `facet serve` mounts it, under /arkloop."""
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="http://test/arkloop")


@pytest.fixture(autouse=True)
def quick_offline_replies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(agent, "OFFLINE_DELAY_SECONDS", 0.0)


@pytest.fixture
async def client(app: FastAPI, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with arkloop_client(app) as http:
        yield http


@pytest.fixture(params=["rest", "graphql"])
def api(request: pytest.FixtureRequest, client: httpx.AsyncClient) -> Rest | GraphQL:
    return Rest(client) if request.param == "rest" else GraphQL(client)


@pytest.fixture
def arkloop_settings(domain_settings: dict[str, DomainSettings]) -> ArkloopSettings:
    """The settings the test app serves Arkloop with (a test that changes one puts it back)."""
    found = domain_settings["arkloop"]
    assert isinstance(found, ArkloopSettings)
    return found


@pytest.fixture
def worker(database: Database, settings: Settings, arkloop_settings: ArkloopSettings) -> Worker:
    """Runs queued runs when a test calls `run_once`."""
    return Worker(database, settings, domain.handlers(arkloop_settings))


@pytest.fixture(scope="session")
def upstream() -> Iterator[tuple[Recorder, str]]:
    """An OpenAI-compatible model server on loopback (its recorder, its base URL)."""
    recorder = Recorder()
    with serving(recorder.app) as url:
        yield recorder, url


@pytest.fixture
def recorder(upstream: tuple[Recorder, str]) -> Recorder:
    upstream[0].requests.clear()
    upstream[0].replies.clear()
    return upstream[0]
