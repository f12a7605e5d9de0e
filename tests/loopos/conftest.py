from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from app.db import Database

from .api import GraphQL, Rest


@pytest.fixture
async def loopos(app: FastAPI, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """LoopOS AI as `facet serve` mounts it, under /loopos."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test/loopos") as client:
        yield client


@pytest.fixture(params=["rest", "graphql"])
def api(request: pytest.FixtureRequest, loopos: httpx.AsyncClient) -> Rest | GraphQL:
    return Rest(loopos) if request.param == "rest" else GraphQL(loopos)
