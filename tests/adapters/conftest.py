"""The same apps built with compiled plans off (`FACET_COMPILED_PLANS=false`), on the same
database, to hold the compiled answers to the standard executor's."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from starlette.routing import Mount

from adapters.runtime.domain import DomainRuntime
from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

from ..conftest import AUTH, http_client


@pytest.fixture(scope="session")
async def standard_app(
    settings: Settings, domain_settings: dict[str, DomainSettings]
) -> AsyncIterator[FastAPI]:
    off = settings.model_copy(update={"compiled_plans": False})
    application = create_app(settings=off, domain_settings=domain_settings)
    yield application
    await application.state.database.dispose()


@pytest.fixture
async def standard_http(
    standard_app: FastAPI, database: Database
) -> AsyncIterator[httpx.AsyncClient]:
    """Loop, answered by the standard executor."""
    async with http_client(standard_app, AUTH) as client:
        yield client


def runtime(app: FastAPI, slug: str) -> DomainRuntime:
    """A mounted domain's runtime."""
    for route in app.routes:
        if isinstance(route, Mount) and route.path == f"/{slug}":
            facet: DomainRuntime = route.app.state.facet  # type: ignore[attr-defined]
            return facet
    raise LookupError(slug)
