"""How Loop reads a request body: within its size limit (413 above it, on every route and on
GraphQL, before anything is stored), and as JSON: a list field given a single value, or an id
given a number, is a validation error over REST, as in Loop, while GraphQL coerces them into a
one-item list and a string, as the GraphQL specification has it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings
from schema.loop.settings import LoopSettings

from ..conftest import AUTH, http_client

TOO_LARGE = {"error": "Request body too large"}


def signal(payload_bytes: int) -> dict[str, object]:
    return {"source": "s", "type": "t", "severity": "low", "payload": {"x": "x" * payload_bytes}}


@asynccontextmanager
async def loop_client(
    settings: Settings, domain_settings: dict[str, DomainSettings], **changes: object
) -> AsyncIterator[httpx.AsyncClient]:
    loop = domain_settings["loop"].model_copy(update=changes)
    app = create_app(settings=settings, domain_settings={**domain_settings, "loop": loop})
    async with http_client(app, AUTH) as client:
        yield client
    await app.state.database.dispose()


async def issue_count(client: httpx.AsyncClient) -> int:
    total: int = (await client.get("/api/issues")).json()["total"]
    return total


def test_the_default_limit_is_one_mebibyte(monkeypatch: pytest.MonkeyPatch) -> None:
    assert LoopSettings().max_body_bytes == 1024 * 1024
    monkeypatch.setenv("FACET_LOOP_MAX_BODY_BYTES", "2048")
    assert LoopSettings().max_body_bytes == 2048


async def test_a_body_over_the_limit_is_413_and_stores_nothing(http: httpx.AsyncClient) -> None:
    response = await http.post("/api/signals", json=signal(1024 * 1024))
    assert (response.status_code, response.json()) == (413, TOO_LARGE)
    graphql = {"query": "{ __typename }", "variables": {"padding": "x" * (1024 * 1024)}}
    response = await http.post("/graphql", json=graphql)
    assert (response.status_code, response.json()) == (413, TOO_LARGE)
    assert await issue_count(http) == 0
    assert (await http.post("/api/signals", json=signal(1000))).status_code == 201


async def test_the_limit_is_a_setting_and_holds_for_chunked_bodies(
    settings: Settings, domain_settings: dict[str, DomainSettings], database: Database
) -> None:
    async with loop_client(settings, domain_settings, max_body_bytes=500) as client:
        declared = await client.post("/api/signals", json=signal(600))
        assert (declared.status_code, declared.json()) == (413, TOO_LARGE)

        async def chunks() -> AsyncIterator[bytes]:
            yield b'{"source": "s", "type": "t", "severity": "low", "payload": {"x": "'
            for _ in range(10):
                yield b"x" * 100
            yield b'"}}'

        headers = {"Content-Type": "application/json"}
        streamed = await client.post("/api/signals", content=chunks(), headers=headers)
        assert (streamed.status_code, streamed.json()) == (413, TOO_LARGE)
        assert await issue_count(client) == 0
        assert (await client.post("/api/signals", json=signal(100))).status_code == 201


def wrong_type(field: str, received: str, wanted: str = "array") -> dict[str, object]:
    """Loop's 422 for a value of the wrong JSON type, worded as its validators word it."""
    return {
        "error": "Validation error",
        "details": {
            "formErrors": [],
            "fieldErrors": {field: [f"Expected {wanted}, received {received}"]},
        },
    }


async def test_a_single_label_id_is_not_a_list(http: httpx.AsyncClient) -> None:
    label = (await http.post("/api/labels", json={"name": "bug", "color": "#f00"})).json()["data"]
    body = {"title": "t", "type": "task", "labelIds": label["id"]}
    response = await http.post("/api/issues", json=body)
    assert (response.status_code, response.json()) == (422, wrong_type("labelIds", "string"))
    assert await issue_count(http) == 0
    listed = await http.post("/api/issues", json={**body, "labelIds": [label["id"]]})
    assert listed.status_code == 201
    for value, received in ((7, "number"), (True, "boolean"), ({"id": "x"}, "object")):
        response = await http.post("/api/issues", json={**body, "labelIds": value})
        assert (response.status_code, response.json()) == (422, wrong_type("labelIds", received))


async def test_nested_lists_are_arrays_too(http: httpx.AsyncClient) -> None:
    hypothesis = {"statement": "S", "confidence": 0.5, "evidence": "e1", "validationCriteria": "V"}
    body = {"title": "t", "type": "hypothesis", "hypothesis": hypothesis}
    response = await http.post("/api/issues", json=body)
    expected = wrong_type("hypothesis.evidence", "string")
    assert (response.status_code, response.json()) == (422, expected)
    template = {"slug": "one", "name": "One", "conditions": {"labels": "bug"}}
    response = await http.post("/api/templates", json=template)
    assert (response.status_code, response.json()) == (
        422,
        wrong_type("conditions.labels", "string"),
    )


async def test_an_id_is_a_string(http: httpx.AsyncClient) -> None:
    response = await http.post("/api/issues", json={"title": "t", "type": "task", "projectId": 5})
    assert (response.status_code, response.json()) == (
        422,
        wrong_type("projectId", "number", "string"),
    )
    response = await http.post("/api/issues", json={"title": "t", "type": "task", "labelIds": [5]})
    assert (response.status_code, response.json()) == (
        422,
        wrong_type("labelIds[0]", "number", "string"),
    )
    assert await issue_count(http) == 0


async def test_graphql_keeps_its_list_coercion(http: httpx.AsyncClient) -> None:
    label = (await http.post("/api/labels", json={"name": "bug", "color": "#f00"})).json()["data"]
    query = """mutation ($input: CreateIssueInput!) { createIssue(input: $input) { id } }"""
    variables = {"input": {"title": "t", "type": "task", "labelIds": label["id"]}}
    created = (await http.post("/graphql", json={"query": query, "variables": variables})).json()
    issue = (await http.get(f"/api/issues/{created['data']['createIssue']['id']}")).json()["data"]
    assert [found["id"] for found in issue["labels"]] == [label["id"]]
