from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from app.db import Database

from ..conftest import TEST_LOOP_KEY
from .api import GraphQL, Rest

AUTH = {"Authorization": f"Bearer {TEST_LOOP_KEY}"}


def http_client(app: FastAPI, headers: dict[str, str] | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test/loop", headers=headers
    )


@pytest.fixture
async def http(app: FastAPI, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with http_client(app, AUTH) as client:
        yield client


@pytest.fixture(params=["rest", "graphql"])
def api(request: pytest.FixtureRequest, http: httpx.AsyncClient) -> Rest | GraphQL:
    return Rest(http) if request.param == "rest" else GraphQL(http)
