"""In-process clients for the contract tests. Schemathesis calls are synchronous, so the app
runs inside a TestClient (its own event loop) for the whole module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

from ..conftest import TEST_LOOP_KEY

AUTH = {"Authorization": f"Bearer {TEST_LOOP_KEY}"}


@pytest.fixture(scope="module")
def loop_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app("loop", settings), headers=AUTH) as client:
        yield client
