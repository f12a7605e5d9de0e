"""Schemathesis over OpenLoomi's two surfaces, in process, as a registered user with a Bearer
token: our generated OpenAPI with every default check but positive-data acceptance (the
product answers 400 with its own words for business rules on schema-valid input: a blank email,
a state no flow holds), and the GraphQL endpoint, where any error labelled 5xx fails."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance
from starlette.testclient import TestClient

from adapters.runtime.app import OPENAPI_DIR
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings
from schema.openloomi.settings import OpenloomiSettings

from ..openloomi.imap import imap_server
from . import scalars  # noqa: F401  (registers the custom scalars)

FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
SDL = Path(__file__).resolve().parents[2] / "schema" / "openloomi" / "schema.graphql"
rest = schemathesis.openapi.from_dict(json.loads((OPENAPI_DIR / "openloomi.json").read_text()))
graphql = schemathesis.graphql.from_path(str(SDL))


@pytest.fixture(scope="module")
def openloomi_app(
    settings: Settings, domain_settings: dict[str, DomainSettings]
) -> Iterator[FastAPI]:
    """Every OAuth provider has a client (a fuzzed state names no flow, so no code is ever
    exchanged) and the app-password checks reach a loopback IMAP server."""
    served = domain_settings["openloomi"]
    assert isinstance(served, OpenloomiSettings)
    clients = {name: {"client_id": "fuzz", "client_secret": "fuzz"} for name in served.oauth}
    with imap_server("nobody@example.com", "nothing") as imap:
        fuzzed = OpenloomiSettings(
            **{
                **served.model_dump(exclude={"oauth"}),
                "oauth": clients,
                "gmail_imap_url": imap,
                "outlook_imap_url": imap,
            }
        )
        yield create_app("openloomi", settings, {**domain_settings, "openloomi": fuzzed})


@pytest.fixture(scope="module")
def auth(openloomi_app: FastAPI) -> dict[str, str]:
    body = {"email": f"fuzz{uuid.uuid4().hex[:8]}@example.com", "password": "fuzz12345"}
    with TestClient(openloomi_app) as client:
        token = client.post("/api/remote-auth/register", json=body).json()["token"]
    return {"Authorization": f"Bearer {token}"}


@rest.parametrize()
@FUZZ
def test_rest_surface(
    case: schemathesis.Case, openloomi_app: FastAPI, auth: dict[str, str]
) -> None:
    case.operation.schema.app = openloomi_app
    # A multipart form's parts are all bytes: a part generated as a number "of the wrong
    # type" is a file holding those digits, rightly accepted.
    form = case.media_type == "multipart/form-data"
    excluded = [positive_data_acceptance, *([negative_data_rejection] if form else [])]
    case.call_and_validate(headers=auth, app=openloomi_app, excluded_checks=excluded)


@graphql.parametrize()
@FUZZ
def test_graphql_surface(
    case: schemathesis.Case, openloomi_app: FastAPI, auth: dict[str, str]
) -> None:
    case.operation.schema.app = openloomi_app
    response = case.call(headers=auth, app=openloomi_app, base_url="http://localhost/graphql")
    assert response.status_code < 500, response.text
    for error in response.json().get("errors") or []:
        assert error.get("extensions", {}).get("status", 500) < 500, error
