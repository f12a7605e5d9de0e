"""Schemathesis over LoreOS's two surfaces, in process, with a standard app's key (a demo key
would spend its caps): the generated OpenAPI with every default check, and the GraphQL
endpoint, where any error labelled 5xx fails."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from starlette.testclient import TestClient

from adapters.runtime.app import OPENAPI_DIR
from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings
from schema.loreos.service import apps

from . import test_loop_fuzz  # noqa: F401  (registers the shared DateTime and JSONObject scalars)

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
SDL = Path(__file__).resolve().parents[2] / "schema" / "loreos" / "schema.graphql"
rest = schemathesis.openapi.from_dict(json.loads((OPENAPI_DIR / "loreos.json").read_text()))
graphql = schemathesis.graphql.from_path(str(SDL))


@pytest.fixture(scope="module")
def loreos_app(settings: Settings, domain_settings: dict[str, DomainSettings]) -> FastAPI:
    return create_app("loreos", settings, domain_settings)


async def _app_key(url: str) -> str:
    database = Database(url)
    try:
        async with database.session() as session, session.begin():
            return (await apps.create_app(session, "Fuzz")).secret
    finally:
        await database.dispose()


@pytest.fixture(scope="module")
def auth(loreos_app: FastAPI, settings: Settings) -> dict[str, str]:
    """A standard app's key, with a character and a session for the fuzzed calls to find."""
    key = asyncio.run(_app_key(settings.database_url))
    headers = {"Authorization": f"Bearer {key}"}
    with TestClient(loreos_app) as client:
        character = {"slug": "fuzz", "display_name": "Fuzz", "greeting": {"text": "Hi"}}
        assert client.post("/v1/characters", json=character, headers=headers).status_code == 200
        opened = {"character": "fuzz", "external_user_ref": "fuzzer"}
        assert client.post("/v1/sessions", json=opened, headers=headers).status_code == 200
    return headers


@rest.parametrize()
@FUZZ
def test_rest_surface(case: schemathesis.Case, loreos_app: FastAPI, auth: dict) -> None:
    case.operation.schema.app = loreos_app
    case.call_and_validate(headers=auth, app=loreos_app)


@graphql.parametrize()
@FUZZ
def test_graphql_surface(case: schemathesis.Case, loreos_app: FastAPI, auth: dict) -> None:
    case.operation.schema.app = loreos_app
    response = case.call(headers=auth, app=loreos_app, base_url="http://localhost/graphql")
    assert response.status_code < 500, response.text
    for error in response.json().get("errors") or []:
        assert error.get("extensions", {}).get("status", 500) < 500, error
