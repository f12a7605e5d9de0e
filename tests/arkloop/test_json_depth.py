"""Arkloop's JSON values nest at most `FACET_MAX_JSON_DEPTH` levels (64): a message's
`content_json` at the limit is stored and read back over both transports, a deeper one is 422
`validation.error` naming the field, nothing is stored, and the thread keeps answering."""

from __future__ import annotations

import httpx
import pytest

from ..nesting import nested
from .api import GraphQL, Rest, register

Api = Rest | GraphQL
LIMIT = 64
TOO_DEEP = "JSONObject nests deeper than 64 levels"


async def thread_of(api: Api) -> tuple[str, str]:
    token = await register(api)
    thread = (await api.call("createThread", token=token, input={"title": "T"})).data
    return token, thread["id"]


async def test_content_json_at_the_limit_is_stored_and_read_back(api: Api) -> None:
    token, thread = await thread_of(api)
    body = {"content": "deep", "content_json": nested(LIMIT)}
    created = await api.call("createMessage", token=token, id=thread, input=body)
    assert created.status == 201 and created.data["content_json"] == nested(LIMIT)
    listed = (await api.call("listMessages", token=token, id=thread)).data
    assert [message["content_json"] for message in listed] == [nested(LIMIT)]


@pytest.mark.parametrize("levels", [LIMIT + 1, 260])
async def test_deeper_content_json_is_refused_and_nothing_is_stored(api: Api, levels: int) -> None:
    token, thread = await thread_of(api)
    await api.call("createMessage", token=token, id=thread, input={"content": "kept"})
    body = {"content": "deep", "content_json": nested(levels)}
    refused = await api.call("createMessage", token=token, id=thread, input=body)
    assert (refused.status, refused.code) == (422, "validation.error")
    listed = (await api.call("listMessages", token=token, id=thread)).data
    assert [message["content"] for message in listed] == ["kept"]
    assert (await api.call("getThread", token=token, id=thread)).status == 200


async def test_rest_names_the_field(client: httpx.AsyncClient) -> None:
    token, thread = await thread_of(Rest(client))
    response = await client.post(
        f"/v1/threads/{thread}/messages",
        json={"content": "deep", "content_json": nested(LIMIT + 1)},
        headers={"Authorization": f"Bearer {token}"},
    )
    error = response.json()
    assert (response.status_code, error["code"]) == (422, "validation.error")
    assert error["details"] == {"fields": {"content_json": [TOO_DEEP]}, "errors": []}


async def test_a_lone_surrogate_is_malformed_json(client: httpx.AsyncClient) -> None:
    token, thread = await thread_of(Rest(client))
    response = await client.post(
        f"/v1/threads/{thread}/messages",
        content=b'{"content": "\\ud800"}',
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert (response.status_code, response.json()["code"]) == (422, "validation.error")
