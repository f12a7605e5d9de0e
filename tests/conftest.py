"""Shared fixtures: one migrated database per backend (SQLite, and PostgreSQL when reachable or
CI=true), the ASGI app on it, and a clean slate before each test that uses them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from argon2.profiles import CHEAPEST
from fastapi import FastAPI
from sqlalchemy import delete

from app.auth import passwords
from app.db import Base, Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings
from schema.arkloop.settings import ArkloopSettings
from schema.loop.settings import LoopSettings
from schema.loopos.settings import LooposSettings
from schema.loreos.settings import LoreosSettings
from schema.openloomi.settings import OpenloomiSettings

from .databases import backends, migrated_database

TEST_LOOP_KEY = "loop_test_key_123"
UNTHROTTLED = "1000000/minute"
REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"


def pytest_configure(config: pytest.Config) -> None:
    # Argon2 at production cost (64 MiB, three passes a hash) was half the CPU time of the tests
    # that sign up and log in; what they check does not depend on the cost.
    passwords.use_parameters(CHEAPEST)


@pytest.fixture(scope="session", params=backends())
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    with migrated_database(request.param, tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    # Jobs run only where a test drives the worker; rate limits and sign-in throttling only
    # where a test sets them.
    return Settings(
        database_url=database_url,
        jobs_worker=False,
        login_attempts_per_account=UNTHROTTLED,
        login_attempts_per_address=UNTHROTTLED,
    )


@pytest.fixture(scope="session")
def domain_settings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, DomainSettings]:
    """Each domain's settings, shared by the apps the tests build (tests that change one put it
    back)."""
    return {
        "loop": LoopSettings(api_key=TEST_LOOP_KEY),
        "loopos": LooposSettings(rate_limit="1000000/minute", allow_private_callbacks=True),
        "arkloop": ArkloopSettings(),
        "loreos": LoreosSettings(
            demo_sandbox_rate_limit=UNTHROTTLED, data_dir=str(tmp_path_factory.mktemp("loreos"))
        ),
        "openloomi": OpenloomiSettings(
            data_dir=str(tmp_path_factory.mktemp("openloomi")),
            register_rate_limit="1000000/minute",
        ),
    }


@pytest.fixture(scope="session")
async def app(
    settings: Settings, domain_settings: dict[str, DomainSettings]
) -> AsyncIterator[FastAPI]:
    application = create_app(settings=settings, domain_settings=domain_settings)
    yield application
    await application.state.database.dispose()


@pytest.fixture
async def database(app: FastAPI) -> AsyncIterator[Database]:
    """The app's database, emptied before the test."""
    db: Database = app.state.database
    await empty(db)
    yield db


async def empty(db: Database) -> None:
    async with db.session() as session, session.begin():
        for table in reversed(Base.metadata.sorted_tables):
            await session.execute(delete(table))


AUTH = {"Authorization": f"Bearer {TEST_LOOP_KEY}"}


def http_client(app: FastAPI, headers: dict[str, str] | None = None) -> httpx.AsyncClient:
    """A client for Loop as `facet serve` mounts it, under /loop."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test/loop", headers=headers
    )


@pytest.fixture
async def http(app: FastAPI, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with http_client(app, AUTH) as client:
        yield client


def reference_file(name: str) -> Path:
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"../shared/reference/{name} is not present in this checkout")
    return path
