"""Loop's JSON values nest at most `FACET_MAX_JSON_DEPTH` levels (64): a signal payload at the
limit is stored and read back over both transports, a deeper one is refused as invalid input
naming its field (REST's `fieldErrors`, a GraphQL request error), nothing is stored, and the
other records keep answering."""

from __future__ import annotations

import httpx
import pytest

from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

from ..conftest import AUTH, http_client
from ..nesting import nested, nested_text
from .api import GraphQL, Rest

Api = Rest | GraphQL
LIMIT = 64
TOO_DEEP = "JSONObject nests deeper than 64 levels"
CREATE = "mutation ($input: CreateIssueInput!) { createIssue(input: $input) { id } }"


def issue(payload: object) -> dict[str, object]:
    return {"title": "t", "type": "task", "signalPayload": payload}


async def test_a_payload_at_the_limit_is_stored_and_read_back(api: Api) -> None:
    created = await api.call("createIssue", input=issue(nested(LIMIT)))
    assert created.status == 201 and created.data["signalPayload"] == nested(LIMIT)
    read = await api.call("getIssue", id=created.data["id"])
    assert read.data["signalPayload"] == nested(LIMIT)
    listed = await api.call("listIssues")
    assert [found["signalPayload"] for found in listed.data["items"]] == [nested(LIMIT)]


@pytest.mark.parametrize("levels", [LIMIT + 1, 260, 900])
async def test_a_deeper_payload_is_refused_and_nothing_is_stored(api: Api, levels: int) -> None:
    kept = (await api.call("createIssue", input=issue({"ok": True}))).data
    refused = await api.call("createIssue", input=issue(nested(levels)))
    assert refused.status == 422
    changed = await api.call("updateIssue", id=kept["id"], input={"signalPayload": nested(levels)})
    assert changed.status == 422
    signal = {"source": "s", "type": "t", "severity": "low", "payload": nested(levels)}
    assert (await api.call("ingestSignal", input=signal)).status == 422
    listed = (await api.call("listIssues")).data
    assert [found["signalPayload"] for found in listed["items"]] == [{"ok": True}]
    assert (await api.call("getIssue", id=kept["id"])).data["signalPayload"] == {"ok": True}


async def test_rest_names_the_field(http: httpx.AsyncClient) -> None:
    response = await http.post("/api/issues", json=issue(nested(LIMIT + 1)))
    assert (response.status_code, response.json()) == (
        422,
        {
            "error": "Validation error",
            "details": {"formErrors": [], "fieldErrors": {"signalPayload": [TOO_DEEP]}},
        },
    )


async def test_past_what_json_is_read_to_rest_is_malformed(http: httpx.AsyncClient) -> None:
    body = b'{"title": "t", "type": "task", "signalPayload": ' + nested_text(2000) + b"}"
    response = await http.post("/api/issues", content=body)
    assert (response.status_code, response.json()) == (
        400,
        {"error": "Malformed JSON in request body"},
    )
    assert (await http.get("/api/issues")).json()["total"] == 0


async def test_graphql_refuses_it_as_invalid_input(http: httpx.AsyncClient) -> None:
    labels = {"code": "BAD_USER_INPUT", "reason": "VALIDATION_ERROR", "status": 422}
    variables = {"input": issue(nested(LIMIT + 1))}
    by_variable = await http.post("/graphql", json={"query": CREATE, "variables": variables})
    literal = "{a: " * (LIMIT + 1) + "1" + "}" * (LIMIT + 1)
    fields = f'title: "t", type: task, signalPayload: {literal}'
    written = f"mutation {{ createIssue(input: {{{fields}}}) {{ id }} }}"
    in_document = await http.post("/graphql", json={"query": written})
    for response in (by_variable, in_document):
        result = response.json()
        assert result["data"] is None and result["errors"][0]["extensions"] == labels
        assert TOO_DEEP in result["errors"][0]["message"]
    assert (await http.get("/api/issues")).json()["total"] == 0


async def test_the_limit_is_a_setting(
    settings: Settings, domain_settings: dict[str, DomainSettings], database: Database
) -> None:
    shallow = settings.model_copy(update={"max_json_depth": 3})
    app = create_app(settings=shallow, domain_settings=domain_settings)
    async with http_client(app, AUTH) as client:
        assert (await client.post("/api/issues", json=issue(nested(3)))).status_code == 201
        refused = await client.post("/api/issues", json=issue(nested(4)))
        assert refused.json()["details"]["fieldErrors"] == {
            "signalPayload": ["JSONObject nests deeper than 3 levels"]
        }
        variables = {"input": issue(nested(4))}
        response = await client.post("/graphql", json={"query": CREATE, "variables": variables})
        assert "nests deeper than 3 levels" in response.json()["errors"][0]["message"]
    await app.state.database.dispose()
