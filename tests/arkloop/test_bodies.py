"""Arkloop reads a REST body as JSON: a list field given a single value, or an id given a number,
is 422 `validation.error` naming the field, and nothing is created; GraphQL coerces the same
values into a one-item list and a string, as the GraphQL specification has it."""

from __future__ import annotations

import httpx

from .api import GraphQL, register


async def test_a_single_scope_is_not_a_list(client: httpx.AsyncClient) -> None:
    token = await register(GraphQL(client))
    auth = {"Authorization": f"Bearer {token}"}
    body = {"name": "k", "scopes": "data.threads.read"}
    response = await client.post("/v1/api-keys", json=body, headers=auth)
    error = response.json()
    assert (response.status_code, error["code"], error["message"]) == (
        422,
        "validation.error",
        "Validation error",
    )
    assert error["details"] == {
        "fields": {"scopes": ["Expected array, received string"]},
        "errors": [],
    }
    assert (await client.get("/v1/api-keys", headers=auth)).json() == []
    listed = await client.post(
        "/v1/api-keys", json={**body, "scopes": [body["scopes"]]}, headers=auth
    )
    assert (listed.status_code, listed.json()["scopes"]) == (201, ["data.threads.read"])


async def test_an_id_is_a_string(client: httpx.AsyncClient) -> None:
    token = await register(GraphQL(client))
    auth = {"Authorization": f"Bearer {token}"}
    body = {"name": "P", "team_id": 0}
    response = await client.post("/v1/projects", json=body, headers=auth)
    error = response.json()
    assert (response.status_code, error["code"]) == (422, "validation.error")
    assert error["details"]["fields"] == {"team_id": ["Expected string, received number"]}
    assert (await client.get("/v1/projects", headers=auth)).json() == []


async def test_graphql_keeps_its_list_coercion(client: httpx.AsyncClient) -> None:
    api = GraphQL(client)
    token = await register(api)
    input_ = {"name": "k", "scopes": "data.threads.read"}
    created = await api.call("createApiKey", token=token, input=input_)
    assert created.data["scopes"] == ["data.threads.read"]
