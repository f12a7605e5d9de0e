"""Schemathesis over Loop's two surfaces, in process: our generated OpenAPI (all default checks)
and the GraphQL endpoint. Any 5xx, GraphQL server error or response outside our own schema
fails."""

from __future__ import annotations

import json

import pytest
import schemathesis
from fastapi.testclient import TestClient
from graphql import StringValueNode
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from adapters.runtime.app import OPENAPI_DIR

from .conftest import AUTH

schemathesis.graphql.scalar(
    "DateTime",
    st.datetimes().map(lambda value: StringValueNode(value=value.isoformat() + "Z")),
)
schemathesis.graphql.scalar(
    "JSONObject",
    st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3).map(
        lambda value: schemathesis.graphql.nodes.Object(
            [
                (
                    key,
                    schemathesis.graphql.nodes.Int(item)
                    if isinstance(item, int)
                    else schemathesis.graphql.nodes.String(item),
                )
                for key, item in value.items()
            ]
        )
    ),
)

rest = schemathesis.openapi.from_dict(json.loads((OPENAPI_DIR / "loop.json").read_text()))
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


@rest.parametrize()
@FUZZ
def test_rest_surface(case: schemathesis.Case, loop_client: TestClient) -> None:
    case.call_and_validate(session=loop_client, headers=AUTH)


@pytest.fixture(scope="module")
def graphql_schema(loop_client: TestClient) -> object:
    return schemathesis.graphql.from_asgi("/graphql", loop_client.app)


graphql = schemathesis.pytest.from_fixture("graphql_schema")


@graphql.parametrize()
@FUZZ
def test_graphql_surface(case: schemathesis.Case, loop_client: TestClient) -> None:
    case.call_and_validate(session=loop_client, headers=AUTH)
