"""Threads and messages on both transports, and keyset paging through 500 threads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from app.db import Database
from schema.arkloop.models import Membership, Thread, new_id

from .api import GraphQL, Rest, register

Api = Rest | GraphQL


async def test_thread_lifecycle(api: Api) -> None:
    token = await register(api)
    created = await api.call("createThread", token=token, input={"title": "Contract review"})
    assert created.status == 201
    thread = created.data
    assert thread["is_private"] is False and thread["active_run_id"] is None
    patched = await api.call("updateThread", token=token, id=thread["id"], input={"title": None})
    assert patched.data["title"] is None
    assert (await api.call("starThread", token=token, id=thread["id"])).data == {"ok": True}
    starred = (await api.call("listStarredThreads", token=token)).data
    assert [t["id"] for t in starred] == [thread["id"]]
    await api.call("unstarThread", token=token, id=thread["id"])
    assert (await api.call("listStarredThreads", token=token)).data == []
    assert (await api.call("deleteThread", token=token, id=thread["id"])).data == {"ok": True}
    gone = await api.call("getThread", token=token, id=thread["id"])
    assert (gone.status, gone.code) == (404, "threads.not_found")


async def test_messages_search_and_fork(api: Api) -> None:
    token = await register(api)
    thread = (await api.call("createThread", token=token, input={"title": "T"})).data
    first = await api.call(
        "createMessage", token=token, id=thread["id"], input={"content": "Find the penguin"}
    )
    assert first.status == 201 and first.data["role"] == "user"
    await api.call("createMessage", token=token, id=thread["id"], input={"content": "second"})
    listed = (await api.call("listMessages", token=token, id=thread["id"], limit=1)).data
    assert [m["content"] for m in listed] == ["second"]
    found = (await api.call("searchThreads", token=token, q="PENGUIN")).data
    assert [t["id"] for t in found] == [thread["id"]]
    fork = (
        await api.call("forkThread", token=token, id=thread["id"], message_id=first.data["id"])
    ).data
    assert fork["parent_thread_id"] == thread["id"]
    assert [pair["old_id"] for pair in fork["id_mapping"]] == [first.data["id"]]
    copied = (await api.call("listMessages", token=token, id=fork["id"])).data
    assert [m["id"] for m in copied] == [fork["id_mapping"][0]["new_id"]]


@pytest.mark.parametrize(
    "query",
    [
        {"limit": 0},
        {"limit": 201},
        {"before_id": new_id()},
        {"before_updated_at": "2026-01-01T00:00:00Z"},
        {"before_updated_at": "yesterday", "before_id": "x"},
    ],
)
async def test_bad_list_queries(api: Api, query: dict) -> None:
    token = await register(api)
    outcome = await api.call("listThreads", token=token, **query)
    assert (outcome.status, outcome.code) == (422, "validation.error")


async def test_incomplete_cursor_says_why(client: httpx.AsyncClient) -> None:
    token = await register(Rest(client))
    response = await client.get(
        "/v1/threads", params={"before_id": new_id()}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.json()["details"] == {
        "reason": "cursor_incomplete",
        "required": ["before_updated_at", "before_id"],
    }


async def test_paging_500_threads_has_no_gap_and_no_duplicate(
    client: httpx.AsyncClient, database: Database
) -> None:
    token = await register(Rest(client))
    async with database.session() as session, session.begin():
        member = (await session.scalars(select(Membership))).one()
        base = datetime(2026, 1, 1, tzinfo=UTC)
        # Ten threads share each timestamp, so ties are broken by id across page edges.
        rows = [
            Thread(
                id=new_id(),
                account_id=member.account_id,
                created_by_user_id=member.user_id,
                title=f"t{i}",
                is_private=False,
                created_at=base,
                updated_at=base + timedelta(milliseconds=i // 10),
            )
            for i in range(500)
        ]
        session.add_all(rows)
    seen: list[str] = []
    params: dict[str, str | int] = {"limit": 37}
    headers = {"Authorization": f"Bearer {token}"}
    while True:
        page = (await client.get("/v1/threads", params=params, headers=headers)).json()
        if not page:
            break
        seen.extend(item["id"] for item in page)
        params = {
            **params,
            "before_updated_at": page[-1]["updated_at"],
            "before_id": page[-1]["id"],
        }
    expected = sorted(rows, key=lambda row: (row.updated_at, row.id), reverse=True)
    assert seen == [row.id for row in expected]
