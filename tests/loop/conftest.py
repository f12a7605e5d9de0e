from __future__ import annotations

import httpx
import pytest

from .api import GraphQL, Rest


@pytest.fixture(params=["rest", "graphql"])
def api(request: pytest.FixtureRequest, http: httpx.AsyncClient) -> Rest | GraphQL:
    return Rest(http) if request.param == "rest" else GraphQL(http)
