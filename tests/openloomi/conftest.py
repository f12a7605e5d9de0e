from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from app.db import Database
from app.domain import DomainSettings
from schema.openloomi.settings import OpenloomiSettings

from .api import GraphQL, Rest


def openloomi_client(
    app: FastAPI, client: tuple[str, int] = ("127.0.0.1", 123)
) -> httpx.AsyncClient:
    """OpenLoomi as `facet serve` mounts it, under /openloomi, from the `client` address."""
    transport = httpx.ASGITransport(app=app, client=client)
    return httpx.AsyncClient(transport=transport, base_url="http://test/openloomi")


@pytest.fixture
async def client(app: FastAPI, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with openloomi_client(app) as http:
        yield http


@pytest.fixture(params=["rest", "graphql"])
def api(request: pytest.FixtureRequest, client: httpx.AsyncClient) -> Rest | GraphQL:
    return Rest(client) if request.param == "rest" else GraphQL(client)


@pytest.fixture
def openloomi_settings(domain_settings: dict[str, DomainSettings]) -> OpenloomiSettings:
    """The settings the test app serves OpenLoomi with (a test that changes one puts it back)."""
    found = domain_settings["openloomi"]
    assert isinstance(found, OpenloomiSettings)
    return found
