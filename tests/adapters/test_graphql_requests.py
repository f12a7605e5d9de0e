"""Malformed requests to each domain's GraphQL endpoint are refused 400 in GraphQL's shape,
`{"data": null, "errors": [{message, extensions: {code, reason, status}}]}`, never as a 500 or
as plain text, and the endpoint keeps answering."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.db import Database

from ..conftest import AUTH
from ..nesting import nested_text

LABELS = {"code": "BAD_USER_INPUT", "reason": "BAD_REQUEST", "status": 400}
QUERY = "{ __typename }"
SHA = hashlib.sha256(QUERY.encode()).hexdigest()
UNPARSED = "Unable to parse the request's JSON: "


@pytest.fixture(params=["loop", "arkloop", "loopos"])
async def graphql(
    app: FastAPI, database: Database, request: pytest.FixtureRequest
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of one domain, as `facet serve` mounts it."""
    transport = httpx.ASGITransport(app=app)
    base = f"http://test/{request.param}"
    async with httpx.AsyncClient(transport=transport, base_url=base, headers=AUTH) as client:
        yield client


def post(body: bytes, message: str, content_type: str = "application/json", *, id: str) -> Any:
    """A case: the body sent, of its content type, and how the refusal's message begins."""
    return pytest.param(
        {"content": body, "headers": {"Content-Type": content_type}}, message, id=id
    )


def with_variables(variables: bytes) -> bytes:
    return b'{"query": "query ($v: String) { __typename }", "variables": ' + variables + b"}"


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        post(b"{", UNPARSED + "unexpected end of data", id="invalid JSON"),
        post(b'{"query": "\xff"}', UNPARSED + "str is not valid UTF-8", id="invalid UTF-8"),
        post(
            b'{"query": "{ a(b: \\"\\ud800\\") }"}',
            UNPARSED + "no low surrogate",
            id="lone surrogate in the query",
        ),
        post(
            with_variables(b'{"v": "\\udc00"}'),
            UNPARSED + "invalid high surrogate",
            id="lone surrogate in a variable",
        ),
        post(
            with_variables(nested_text(100_000)),
            UNPARSED + "depth limit exceeded",
            id="deep variables",
        ),
        post(b'"{ __typename }"', "Expected a JSON object, found a string", id="a string"),
        post(b"null", "Expected a JSON object, found null", id="null"),
        post(b"7", "Expected a JSON object, found a number", id="a number"),
        post(b"[]", "Batching is not enabled", id="a batch"),
        post(b'{"query": 1}', "The GraphQL operation's `query`", id="query not a string"),
        post(with_variables(b"[1]"), "The GraphQL operation's `variables`", id="variables a list"),
        post(
            b'{"query": "{ __typename }", "extensions": 1}',
            "The GraphQL operation's `extensions`",
            id="extensions a number",
        ),
        post(
            b'{"query": "query A { __typename }", "operationName": "B"}',
            'Unknown operation named "B"',
            id="no such operation",
        ),
        post(b"{}", "No GraphQL query found in the request", id="no query"),
        post(b'{"query": "{ __typename }"}', "Unsupported content type", "text/plain", id="text"),
        post(
            b"--x\r\n\r\n--x--\r\n",
            "Unsupported content type",
            "multipart/form-data; boundary=x",
            id="multipart",
        ),
    ],
)
async def test_a_malformed_post_is_a_graphql_400(
    graphql: httpx.AsyncClient, sent: dict[str, Any], message: str
) -> None:
    assert_refused(await graphql.post("/graphql", **sent), message)
    assert (await graphql.post("/graphql", json={"query": QUERY})).status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        pytest.param({"query": QUERY, "variables": "{"}, UNPARSED, id="invalid JSON"),
        pytest.param(
            {"query": QUERY, "variables": "5"}, "Expected a JSON object", id="variables a number"
        ),
        pytest.param(
            {"query": QUERY, "variables": '{"v": "\\ud800"}'},
            UNPARSED + "no low surrogate",
            id="lone surrogate",
        ),
        pytest.param(
            {"query": QUERY, "extensions": "[1]"},
            "The GraphQL operation's `extensions`",
            id="extensions a list",
        ),
        pytest.param(
            {"query": "mutation { __typename }"},
            "mutations are not allowed when using GET",
            id="a mutation",
        ),
        pytest.param({"variables": "{}"}, "No GraphQL query found", id="no query"),
    ],
)
async def test_a_malformed_get_is_a_graphql_400(
    graphql: httpx.AsyncClient, params: dict[str, str], message: str
) -> None:
    response = await graphql.get("/graphql", params=params, headers={"Accept": "application/json"})
    assert_refused(response, message)


async def test_persisted_query_refusals_are_graphql_400s(graphql: httpx.AsyncClient) -> None:
    unknown = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    mismatch = await graphql.post("/graphql", json={"query": QUERY, "extensions": unknown})
    assert_refused(mismatch, "provided sha does not match query")
    version = {"persistedQuery": {"version": 2, "sha256Hash": SHA}}
    unsupported = await graphql.post("/graphql", json={"extensions": version})
    assert_refused(unsupported, "Unsupported persisted query version")
    no_hash = await graphql.post(
        "/graphql", json={"extensions": {"persistedQuery": {"version": 1}}}
    )
    assert_refused(no_hash, "persistedQuery.sha256Hash must be a string")


def assert_refused(response: httpx.Response, message: str) -> None:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "data": None,
        "errors": [{"message": response.json()["errors"][0]["message"], "extensions": LABELS}],
    }
    found = response.json()["errors"][0]["message"]
    assert found.startswith(message), found
