"""Schemathesis over Arkloop's two surfaces, in process, authenticated with an API key (so a
fuzzed logout cannot end the session): our generated OpenAPI with every default check, and the
GraphQL endpoint, where any error labelled 5xx fails."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from starlette.testclient import TestClient

from adapters.runtime.app import OPENAPI_DIR
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
SDL = Path(__file__).resolve().parents[2] / "schema" / "arkloop" / "schema.graphql"
rest = schemathesis.openapi.from_dict(json.loads((OPENAPI_DIR / "arkloop.json").read_text()))
graphql = schemathesis.graphql.from_path(str(SDL))


@pytest.fixture(scope="module")
def arkloop_app(settings: Settings, domain_settings: dict[str, DomainSettings]) -> FastAPI:
    return create_app("arkloop", settings, domain_settings)


@pytest.fixture(scope="module")
def auth(arkloop_app: FastAPI) -> dict[str, str]:
    login = f"fuzz{uuid.uuid4().hex[:8]}"
    body = {"login": login, "password": "correct horse", "email": f"{login}@example.com"}
    with TestClient(arkloop_app) as client:
        token = client.post("/v1/auth/register", json=body).json()["access_token"]
        key = client.post(
            "/v1/api-keys", json={"name": "fuzz"}, headers={"Authorization": f"Bearer {token}"}
        ).json()["key"]
    return {"Authorization": f"Bearer {key}"}


@rest.parametrize()
@FUZZ
def test_rest_surface(case: schemathesis.Case, arkloop_app: FastAPI, auth: dict) -> None:
    case.operation.schema.app = arkloop_app
    case.call_and_validate(headers=auth, app=arkloop_app)


@graphql.parametrize()
@FUZZ
def test_graphql_surface(case: schemathesis.Case, arkloop_app: FastAPI, auth: dict) -> None:
    case.operation.schema.app = arkloop_app
    # Schemathesis counts only BAD_USER_INPUT-like labels as client errors, so a correct
    # UNAUTHENTICATED (a fuzzed login) would read as a server failure: check statuses instead.
    response = case.call(headers=auth, app=arkloop_app, base_url="http://localhost/graphql")
    assert response.status_code < 500, response.text
    for error in response.json().get("errors") or []:
        assert error.get("extensions", {}).get("status", 500) < 500, error
