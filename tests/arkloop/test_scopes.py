"""API key scopes narrow what a key may do to the permissions they name (`data.threads.read`,
`data.threads.manage`, ...), within its user's role; anything else is 403 `policy.denied`."""

from __future__ import annotations

from typing import Any

import httpx

from .api import GraphQL, Rest, register

Api = Rest | GraphQL


async def _key(api: Api, token: str, scopes: list[str]) -> str:
    created = await api.call("createApiKey", token=token, input={"name": "k", "scopes": scopes})
    return str(created.data["key"])


async def test_scoped_key_is_limited_to_its_scopes(api: Api) -> None:
    alice = await register(api)
    thread = (await api.call("createThread", token=alice, input={"title": "T"})).data
    reader = await _key(api, alice, ["data.threads.read", "no.such.scope"])

    assert (await api.call("getMe", token=reader)).data["permissions"] == ["data.threads.read"]
    assert [t["id"] for t in (await api.call("listThreads", token=reader)).data] == [thread["id"]]
    assert (await api.call("getThread", token=reader, id=thread["id"])).status == 200
    denied = [
        ("createThread", {"input": {}}),
        ("updateThread", {"id": thread["id"], "input": {"title": "x"}}),
        ("createMessage", {"id": thread["id"], "input": {"content": "x"}}),
        ("createRun", {"id": thread["id"], "input": {}}),
        ("listRuns", {}),
        ("listProjects", {}),
        ("createProject", {"input": {"name": "P"}}),
        ("createTeam", {"input": {"name": "T"}}),
    ]
    for operation, variables in denied:
        outcome = await api.call(operation, token=reader, **variables)
        assert (outcome.status, outcome.code) == (403, "policy.denied"), operation
        if isinstance(api, Rest):
            assert outcome.details and outcome.details["action"].startswith(("data.", "account."))
    assert (await api.call("getThread", token=alice, id=thread["id"])).data["title"] == "T"


async def test_unscoped_key_has_its_users_permissions(api: Api) -> None:
    alice = await register(api)
    full = await _key(api, alice, [])
    assert (await api.call("createThread", token=full, input={})).status == 201
    assert (await api.call("createTeam", token=full, input={"name": "T"})).status == 201
    me = (await api.call("getMe", token=full)).data
    assert "account.manage" in me["permissions"]


async def test_denied_answer_shape(client: httpx.AsyncClient) -> None:
    rest = Rest(client)
    alice = await register(rest)
    reader = await _key(rest, alice, ["data.threads.read"])
    response = await client.post(
        "/v1/threads", json={}, headers={"Authorization": f"Bearer {reader}"}
    )
    body = response.json()
    assert response.status_code == 403
    assert body["code"] == "policy.denied" and body["details"] == {"action": "data.threads.manage"}
    assert body["trace_id"] == response.headers["x-trace-id"]
    events = await client.get(
        "/v1/runs/00000000-0000-0000-0000-000000000000/events",
        headers={"Authorization": f"Bearer {reader}"},
    )
    assert (events.status_code, events.json()["code"]) == (403, "policy.denied")


async def test_a_key_without_the_key_permission_cannot_create_or_revoke_keys(api: Api) -> None:
    alice = await register(api)
    spare = (await api.call("createApiKey", token=alice, input={"name": "s"})).data
    reader = await _key(api, alice, ["data.threads.read"])
    attempts: list[tuple[str, dict[str, Any]]] = [
        ("createApiKey", {"input": {"name": "k"}}),
        ("createApiKey", {"input": {"name": "k", "scopes": ["account.manage"]}}),
        ("revokeApiKey", {"id": spare["id"]}),
    ]
    for operation, variables in attempts:
        outcome = await api.call(operation, token=reader, **variables)
        assert (outcome.status, outcome.code) == (403, "policy.denied"), operation
        if isinstance(api, Rest):
            assert outcome.details == {"action": "data.api_keys.manage"}
    keys = (await api.call("listApiKeys", token=alice)).data
    assert len(keys) == 2 and all(key["revoked_at"] is None for key in keys)


async def test_a_key_creates_keys_only_within_its_own_scopes(api: Api) -> None:
    alice = await register(api)
    minter = await _key(api, alice, ["data.threads.read", "data.api_keys.manage"])
    for wider in (["account.manage"], ["data.threads.read", "data.threads.manage"]):
        outcome = await api.call("createApiKey", token=minter, input={"name": "k", "scopes": wider})
        assert (outcome.status, outcome.code) == (403, "policy.denied"), wider
        if isinstance(api, Rest):
            assert outcome.details == {"action": wider[-1]}

    inherited = await _key(api, minter, [])
    me = (await api.call("getMe", token=inherited)).data
    assert me["permissions"] == ["data.threads.read", "data.api_keys.manage"]
    assert (await api.call("createThread", token=inherited, input={})).status == 403
    narrower = (
        await api.call(
            "createApiKey", token=minter, input={"name": "n", "scopes": ["data.threads.read"]}
        )
    ).data
    assert narrower["scopes"] == ["data.threads.read"]
    assert (await api.call("revokeApiKey", token=minter, id=narrower["id"])).status == 204
