"""Sessions: a greeting at start, sends that append the user's message at N and run.status at
N+1, replies written by the job worker, Idempotency-Key replays, cursored events, runs, and
another app's session not found on every route."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.db import Database
from app.jobs import Worker
from schema.loreos.models import Run

from .api import GraphQL, Rest
from .helpers import character, sandbox_key, session


async def send(api: Rest | GraphQL, key: str, sid: str, text: str = "hi", **more: Any) -> Any:
    return await api.call("sendMessage", key, session_id=sid, input={"text": text}, **more)


async def events(api: Rest | GraphQL, key: str, sid: str, **more: Any) -> list[dict[str, Any]]:
    outcome = await api.call("sessionEvents", key, session_id=sid, **more)
    return list(outcome.data["events"])


async def test_a_session_greets_and_a_send_is_answered_by_the_worker(
    api: Rest | GraphQL, worker: Worker
) -> None:
    key = await sandbox_key(api)
    await character(api, key, greeting={"bubbles": ["Hi!", "New here?"]})
    sid = await session(api, key)
    assert sid.startswith("sess_")
    accepted = (await send(api, key, sid, "hello there")).data
    assert accepted["accepted"] is True
    assert (accepted["cursor"], accepted["sent_turn_index"]) == (2, 1)
    assert accepted["idempotent_replay"] is False
    before = await events(api, key, sid)
    assert [(e["cursor"], e["type"], e["role"]) for e in before] == [
        (1, "character.initiated", "character"),
        (2, "message.created", "user"),
        (3, "run.status", "character"),
    ]
    assert before[0]["payload"] == {"bubbles": ["Hi!", "New here?"], "text": "Hi!\nNew here?"}
    assert before[2]["payload"] == {"status": "generating", "run_ref": accepted["run_ref"]}
    assert await worker.run_once() == 1
    after = await events(api, key, sid, since=3)
    assert [(e["cursor"], e["type"], e["role"]) for e in after] == [
        (4, "message.created", "character"),
        (5, "run.status", "character"),
    ]
    reply = after[0]["payload"]
    assert reply["text"].startswith("[offline]") and reply["bubbles"]
    assert "hello there" in reply["text"]
    assert after[1]["payload"]["status"] == "completed"
    runs = (await api.call("sessionRuns", key, session_id=sid)).data["runs"]
    assert [(r["run_ref"], r["status"], r["error"]) for r in runs] == [
        (accepted["run_ref"], "completed", False)
    ]
    assert runs[0]["cost_credits"] > 0


async def test_a_session_is_resumed_for_the_same_end_user(api: Rest | GraphQL) -> None:
    key = await sandbox_key(api)
    await character(api, key)
    first = await session(api, key, ref="u")
    assert await session(api, key, ref="u") == first
    assert await session(api, key, ref="v") != first


async def test_an_idempotency_key_replays_the_original_send(api: Rest | GraphQL) -> None:
    key = await sandbox_key(api)
    await character(api, key)
    sid = await session(api, key)
    first = (await send(api, key, sid, idempotency_key="k-1")).data
    again = (await send(api, key, sid, idempotency_key="k-1")).data
    assert again == {**first, "idempotent_replay": True}
    other = (await send(api, key, sid, idempotency_key="k-2")).data
    assert other["cursor"] == first["cursor"] + 2
    assert len(await events(api, key, sid)) == 4


async def test_ten_concurrent_sends_with_one_key_make_one_turn(
    client: httpx.AsyncClient, database: Database
) -> None:
    api = Rest(client)
    key = await sandbox_key(api)
    await character(api, key)
    sid = await session(api, key)
    answers = await asyncio.gather(
        *(send(api, key, sid, "once", idempotency_key="same") for _ in range(10))
    )
    assert {outcome.status for outcome in answers} == {200}
    assert sorted(outcome.data["idempotent_replay"] for outcome in answers) == [False] + [True] * 9
    assert len({outcome.data["run_ref"] for outcome in answers}) == 1
    async with database.session() as db:
        assert await db.scalar(select(func.count()).select_from(Run)) == 1
    assert [e["cursor"] for e in await events(api, key, sid)] == [1, 2]


async def test_concurrent_sends_get_gap_free_ordered_cursors(client: httpx.AsyncClient) -> None:
    api = Rest(client)
    key = await sandbox_key(api)
    await character(api, key)
    sid = await session(api, key)
    answers = await asyncio.gather(*(send(api, key, sid, f"m{i}") for i in range(8)))
    assert sorted(outcome.data["cursor"] for outcome in answers) == list(range(1, 17, 2))
    assert sorted(outcome.data["sent_turn_index"] for outcome in answers) == list(range(1, 9))
    logged = await events(api, key, sid)
    assert [e["cursor"] for e in logged] == list(range(1, 17))
    for user, status in zip(logged[::2], logged[1::2], strict=True):
        assert (user["type"], status["type"]) == ("message.created", "run.status")
        assert user["run_ref"] == status["run_ref"]


async def test_events_page_with_since_and_limit(api: Rest | GraphQL) -> None:
    key = await sandbox_key(api)
    await character(api, key, greeting={"text": "Hello"})
    sid = await session(api, key)
    for text in ("a", "b"):
        await send(api, key, sid, text)
    page = (await api.call("sessionEvents", key, session_id=sid, since=1, limit=2)).data
    assert [e["cursor"] for e in page["events"]] == [2, 3]
    assert page["next_cursor"] == 3
    rest = (await api.call("sessionEvents", key, session_id=sid, since=3)).data
    assert [e["cursor"] for e in rest["events"]] == [4, 5]
    empty = (await api.call("sessionEvents", key, session_id=sid, since=99)).data
    assert (empty["events"], empty["next_cursor"]) == ([], 99)


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "since=-1", "limit=x", "since=1.5"])
async def test_bad_event_queries_are_422(client: httpx.AsyncClient, query: str) -> None:
    api = Rest(client)
    key = await sandbox_key(api)
    await character(api, key)
    sid = await session(api, key)
    response = await client.get(
        f"/v1/sessions/{sid}/events?{query}", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"]["code"] == "validation_error"


@pytest.mark.parametrize(
    "body",
    [{}, {"text": ""}, {"text": "x" * 4001}, {"text": 3}, {"text": "a", "context_events": 1}],
)
async def test_bad_messages_are_422(client: httpx.AsyncClient, body: Any) -> None:
    api = Rest(client)
    key = await sandbox_key(api)
    await character(api, key)
    sid = await session(api, key)
    response = await client.post(
        f"/v1/sessions/{sid}/messages", json=body, headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 422, response.text


async def test_demo_messages_over_1200_characters_are_413(api: Rest | GraphQL) -> None:
    key = await sandbox_key(api)
    await character(api, key)
    sid = await session(api, key)
    outcome = await send(api, key, sid, "x" * 1201)
    assert (outcome.status, outcome.code) == (413, "demo_input_too_large")


async def test_demo_keys_start_at_most_five_sessions(api: Rest | GraphQL) -> None:
    key = await sandbox_key(api)
    await character(api, key)
    for ref in range(5):
        await session(api, key, ref=f"u{ref}")
    outcome = await api.call(
        "createSession", key, input={"character": "mina", "external_user_ref": "u5"}
    )
    assert (outcome.status, outcome.code) == (403, "demo_quota_exceeded")


async def test_another_apps_session_is_not_found_on_every_route(
    api: Rest | GraphQL, client: httpx.AsyncClient
) -> None:
    mine, theirs = await sandbox_key(api), await sandbox_key(api)
    await character(api, theirs)
    sid = await session(api, theirs)
    for operation, variables in (
        ("sendMessage", {"session_id": sid, "input": {"text": "hi"}}),
        ("sessionEvents", {"session_id": sid}),
        ("sessionRuns", {"session_id": sid}),
    ):
        outcome = await api.call(operation, mine, **variables)
        assert (outcome.status, outcome.code) == (404, "session_not_found"), operation
    stream = await client.get(
        f"/v1/sessions/{sid}/events/stream", headers={"Authorization": f"Bearer {mine}"}
    )
    assert stream.status_code == 404
    assert stream.json()["detail"]["code"] == "session_not_found"
    assert len(await events(api, theirs, sid)) == 0
