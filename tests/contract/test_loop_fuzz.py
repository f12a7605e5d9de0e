"""Schemathesis over Loop's two surfaces, in process: our generated OpenAPI (all default checks)
and the GraphQL endpoint. Any 5xx, GraphQL server error or response outside our own schema
fails."""

from __future__ import annotations

import json
from pathlib import Path

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from adapters.runtime.app import OPENAPI_DIR

from . import scalars  # noqa: F401  (registers the custom scalars)
from .conftest import AUTH

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
SDL = Path(__file__).resolve().parents[2] / "schema" / "loop" / "schema.graphql"
rest = schemathesis.openapi.from_dict(json.loads((OPENAPI_DIR / "loop.json").read_text()))


@rest.parametrize()
@FUZZ
def test_rest_surface(case: schemathesis.Case, loop_app: FastAPI) -> None:
    case.operation.schema.app = loop_app
    case.call_and_validate(headers=AUTH, app=loop_app)


graphql = schemathesis.graphql.from_path(str(SDL))


@graphql.parametrize()
@FUZZ
def test_graphql_surface(case: schemathesis.Case, loop_app: FastAPI) -> None:
    case.operation.schema.app = loop_app
    # Every other default check runs. Schema-valid GraphQL can still break a rule GraphQL types
    # cannot state (limit 1-200, an id that must exist): Facet answers those with typed client
    # errors (BAD_USER_INPUT), which the positive-acceptance check would count as failures.
    case.call_and_validate(
        headers=AUTH,
        app=loop_app,
        base_url="http://localhost/graphql",
        excluded_checks=[positive_data_acceptance],
    )
