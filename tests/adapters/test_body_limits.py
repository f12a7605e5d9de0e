"""Every domain has a body limit: the one it declares, or else the platform's default
(`FACET_MAX_BODY_BYTES`), answered 413 in the domain's error shape."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest
from fastapi import FastAPI

from adapters.runtime.app import build_domain_app
from app.domain import DomainSettings, RequestLimits
from app.settings import Settings
from schema import loop

from ..conftest import AUTH

PLATFORM_DEFAULT = 200
QUERY = {"query": "{ __typename }"}
TOO_LARGE = {"error": "Request body too large"}


async def status_for_padding(
    app: FastAPI,
    settings: Settings,
    domain_settings: dict[str, DomainSettings],
    limits: RequestLimits | None,
    padding: int,
) -> tuple[int, object]:
    spec = replace(loop.domain, limits=(lambda _: limits) if limits is not None else None)
    platform = settings.model_copy(update={"max_body_bytes": PLATFORM_DEFAULT})
    domain_app = build_domain_app(spec, domain_settings["loop"], app.state.database, platform)
    transport = httpx.ASGITransport(app=domain_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=AUTH) as c:
        response = await c.post("/graphql", json={**QUERY, "variables": {"pad": "x" * padding}})
    return response.status_code, response.json()


def test_the_platform_default_is_one_mebibyte() -> None:
    assert Settings().max_body_bytes == 1024 * 1024


@pytest.mark.parametrize(
    ("limits", "padding", "status"),
    [
        (None, 10, 200),
        (None, PLATFORM_DEFAULT, 413),
        (RequestLimits(), PLATFORM_DEFAULT, 413),
        (RequestLimits(max_body_bytes=1000), PLATFORM_DEFAULT, 200),
        (RequestLimits(max_body_bytes=1000), 1000, 413),
    ],
)
async def test_a_domain_without_a_limit_of_its_own_gets_the_platform_default(
    app: FastAPI,
    settings: Settings,
    domain_settings: dict[str, DomainSettings],
    limits: RequestLimits | None,
    padding: int,
    status: int,
) -> None:
    answer = await status_for_padding(app, settings, domain_settings, limits, padding)
    expected = {"data": {"__typename": "Query"}} if status == 200 else TOO_LARGE
    assert answer == (status, expected)
