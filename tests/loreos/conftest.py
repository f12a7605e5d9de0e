from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI

from app.db import Database
from app.domain import DomainSettings
from app.jobs import Worker
from app.settings import Settings
from schema.loreos import domain
from schema.loreos.settings import LoreosSettings

from ..live import Recorder, serving
from .api import GraphQL, Rest
from .receiver import Receiver


def loreos_client(app: FastAPI) -> httpx.AsyncClient:
    """LoreOS as `facet serve` mounts it, under /loreos."""
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="http://test/loreos")


@pytest.fixture
async def client(app: FastAPI, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with loreos_client(app) as http:
        yield http


@pytest.fixture(params=["rest", "graphql"])
def api(request: pytest.FixtureRequest, client: httpx.AsyncClient) -> Rest | GraphQL:
    return Rest(client) if request.param == "rest" else GraphQL(client)


@pytest.fixture
def loreos_settings(domain_settings: dict[str, DomainSettings]) -> LoreosSettings:
    """The settings the test app serves LoreOS with (a test that changes one puts it back)."""
    found = domain_settings["loreos"]
    assert isinstance(found, LoreosSettings)
    return found


@pytest.fixture
def worker(database: Database, settings: Settings, loreos_settings: LoreosSettings) -> Worker:
    """Writes queued replies when a test calls `run_once`."""
    return Worker(database, settings, domain.handlers(loreos_settings))


@pytest.fixture
def private_targets(
    loreos_settings: LoreosSettings, monkeypatch: pytest.MonkeyPatch
) -> LoreosSettings:
    monkeypatch.setattr(loreos_settings, "allow_private_webhooks", True)
    return loreos_settings


@pytest.fixture
def fast_worker(database: Database, settings: Settings, private_targets: LoreosSettings) -> Worker:
    fast = settings.model_copy(update={"jobs_backoff_seconds": 0.0, "jobs_max_attempts": 3})
    return Worker(database, fast, domain.handlers(private_targets))


@pytest.fixture
def receiver(request: pytest.FixtureRequest) -> Iterator[tuple[Receiver, str]]:
    found = Receiver(**getattr(request, "param", {"secret": "s3cret", "failures": 2}))
    with serving(found.app) as url:
        yield found, f"{url}/hook"


@pytest.fixture
def model() -> Iterator[tuple[Recorder, str]]:
    recorder = Recorder()
    with serving(recorder.app) as url:
        yield recorder, url


@pytest.fixture
def model_worker(
    database: Database,
    settings: Settings,
    loreos_settings: LoreosSettings,
    model: tuple[Recorder, str],
) -> Worker:
    online = settings.model_copy(
        update={"ai_provider": "openai", "ai_base_url": model[1], "ai_api_key": "k"}
    )
    return Worker(database, online, domain.handlers(loreos_settings))
