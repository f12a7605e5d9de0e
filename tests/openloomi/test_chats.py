"""Chats and their messages on both transports: saved (the chat made on the first save, a saved
id replaced), listed newest first with cursors, renamed, deleted; bad bodies and another user's
chat as 404."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from .api import Api, register


def message(text: str, id: str | None = None, role: str = "user") -> dict[str, Any]:
    return {"id": id or str(uuid.uuid4()), "role": role, "parts": [{"type": "text", "text": text}]}


async def save(api: Api, token: str, chat_id: str, *messages: dict[str, Any]) -> Any:
    saved = await api.call(
        "saveMessages", token=token, input={"chatId": chat_id, "messages": list(messages)}
    )
    return saved.data


async def test_save_list_rename_delete(api: Api) -> None:
    token = await register(api)
    chat_id = str(uuid.uuid4())
    first = message("Plan the launch")
    assert await save(api, token, chat_id, first, message("Sure", role="assistant")) == {
        "success": True,
        "message": None,
    }
    edited = {**first, "parts": [{"type": "text", "text": "Plan the big launch"}]}
    await save(api, token, chat_id, edited, message("And the party"))
    listed = (await api.call("chatMessages", token=token, id=chat_id)).data["messages"]
    texts = [m["parts"][0]["text"] for m in listed]
    assert texts == ["Plan the big launch", "Sure", "And the party"]
    assert [m["role"] for m in listed] == ["user", "assistant", "user"]
    chat = (await api.call("getChat", token=token, id=chat_id)).data
    assert (chat["title"], chat["visibility"]) == ("Plan the launch", "private")
    renamed = await api.call("changeChat", token=token, id=chat_id, input={"title": "Launch"})
    assert renamed.data["title"] == "Launch"
    empty = await api.call("saveMessages", token=token, input={"chatId": chat_id, "messages": []})
    assert empty.data == {"success": True, "message": "No messages to save"}
    assert (await api.call("chatInsights", token=token, chatId=chat_id)).data == {"insights": []}
    assert (await api.call("deleteChat", token=token, id=chat_id)).data == {"id": chat_id}
    gone = await api.call("chatMessages", token=token, id=chat_id)
    assert (gone.status, gone.error) == (404, "Chat not found")


async def test_history_pages_newest_first(api: Api) -> None:
    token = await register(api)
    ids = [str(uuid.uuid4()) for _ in range(3)]
    for id in ids:
        await save(api, token, id, message(f"chat {id}"))
    first = (await api.call("chatHistory", token=token, limit=2)).data
    assert [c["id"] for c in first["chats"]] == [ids[2], ids[1]] and first["hasMore"] is True
    rest = await api.call("chatHistory", token=token, limit=2, starting_after=ids[1])
    assert [c["id"] for c in rest.data["chats"]] == [ids[0]] and rest.data["hasMore"] is False
    both = await api.call("chatHistory", token=token, starting_after=ids[0], ending_before=ids[0])
    assert both.status == 400


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"messages": []}, "chatId is required"),
        ({"chatId": "c1"}, "messages is required"),
    ],
)
async def test_bad_saves(api: Api, body: dict[str, Any], error: str) -> None:
    token = await register(api)
    outcome = await api.call("saveMessages", token=token, input=body)
    assert (outcome.status, outcome.error) == (400, error)
    too_long = await api.call(
        "saveMessages", token=token, input={"chatId": "x" * 37, "messages": [message("hi")]}
    )
    assert too_long.status in (400, 422)
    missing = await api.call("chatInsights", token=token)
    assert (missing.status, missing.error) == (400, "chatId is required")


async def test_another_users_chat_is_not_found(api: Api) -> None:
    alice = await register(api)
    bob = await register(api, "bob@example.com")
    chat_id = str(uuid.uuid4())
    await save(api, alice, chat_id, message("mine"))
    for operation, more in [
        ("getChat", {}),
        ("chatMessages", {}),
        ("changeChat", {"input": {"title": "x"}}),
        ("deleteChat", {}),
    ]:
        outcome = await api.call(operation, token=bob, id=chat_id, **more)
        assert (outcome.status, outcome.error) == (404, "Chat not found"), operation
    taken = await api.call(
        "saveMessages", token=bob, input={"chatId": chat_id, "messages": [message("theirs")]}
    )
    assert (taken.status, taken.error) == (404, "Chat not found")
    assert (await api.call("chatHistory", token=bob)).data["chats"] == []
    kept = (await api.call("chatMessages", token=alice, id=chat_id)).data["messages"]
    assert [m["parts"][0]["text"] for m in kept] == ["mine"]
