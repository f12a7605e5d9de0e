"""Runs on both transports: started, executed by the job worker through the AI provider layer
(offline here), read back with their events and the assistant message; cancel and retry."""

from __future__ import annotations

import asyncio

import httpx

from app.db import Database
from app.jobs import Worker

from .api import GraphQL, Rest, register

Api = Rest | GraphQL


async def thread_with_message(api: Api, token: str) -> str:
    thread = (await api.call("createThread", token=token, input={"title": "T"})).data
    await api.call("createMessage", token=token, id=thread["id"], input={"content": "Hello"})
    return str(thread["id"])


async def test_run_completes_with_events_and_reply(api: Api, worker: Worker) -> None:
    token = await register(api)
    thread_id = await thread_with_message(api, token)
    started = await api.call("createRun", token=token, id=thread_id, input={})
    assert started.status == 201 and started.data["trace_id"]
    run_id = started.data["run_id"]
    busy = await api.call("createRun", token=token, id=thread_id, input={})
    assert (busy.status, busy.code) == (409, "runs.thread_busy")
    assert await worker.run_once() == 1
    run = (await api.call("getRun", token=token, id=run_id)).data
    assert run["status"] == "completed" and run["trace_id"] == started.data["trace_id"]
    messages = (await api.call("listMessages", token=token, id=thread_id)).data
    assert [m["role"] for m in messages] == ["user", "assistant"]
    reply = messages[1]
    assert reply["run_id"] == run_id and reply["created_by_user_id"] is None
    assert reply["content"].startswith("[offline]") and "Hello" in reply["content"]
    runs = (await api.call("listThreadRuns", token=token, id=thread_id)).data
    assert [(r["run_id"], r["status"]) for r in runs] == [(run_id, "completed")]
    listed = (await api.call("listRuns", token=token, status="completed")).data
    assert listed[0]["created_by_user_name"] == "alice"
    assert (await api.call("listRuns", token=token, status="failed")).data == []


async def test_events_replay(client: httpx.AsyncClient, worker: Worker) -> None:
    rest = Rest(client)
    token = await register(rest)
    thread_id = await thread_with_message(rest, token)
    run_id = (await rest.call("createRun", token=token, id=thread_id)).data["run_id"]
    await worker.run_once()
    headers = {"Authorization": f"Bearer {token}"}
    response = await client.get(f"/v1/runs/{run_id}/events", headers=headers)
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[0]["type"] == "run.started" and events[-1]["type"] == "run.completed"
    deltas = "".join(e["data"]["content_delta"] for e in events if e["type"] == "message.delta")
    messages = (await rest.call("listMessages", token=token, id=thread_id)).data
    assert deltas == messages[-1]["content"]
    later = await client.get(
        f"/v1/runs/{run_id}/events", params={"after_seq": 3, "follow": "false"}, headers=headers
    )
    assert [e["seq"] for e in parse_sse(later.text)] == [e["seq"] for e in events[3:]]
    graphql = await client.post(
        "/graphql",
        json={
            "query": "subscription($id: ID!) "
            "{ run_events(run_id: $id, follow: false) { seq type } }",
            "variables": {"id": run_id},
        },
        headers={**headers, "Accept": 'multipart/mixed;subscriptionSpec="1.0"'},
    )
    assert graphql.status_code == 200 and '"run.completed"' in graphql.text


async def test_cancel_before_execution(api: Api, worker: Worker) -> None:
    token = await register(api)
    thread_id = await thread_with_message(api, token)
    run_id = (await api.call("createRun", token=token, id=thread_id, input={})).data["run_id"]
    assert (await api.call("cancelRun", token=token, id=run_id)).data == {"ok": True}
    await worker.run_once()
    assert (await api.call("getRun", token=token, id=run_id)).data["status"] == "cancelled"
    messages = (await api.call("listMessages", token=token, id=thread_id)).data
    assert [m["role"] for m in messages] == ["user"]
    waiting = await api.call("provideRunInput", token=token, id=run_id, input={"content": "x"})
    assert (waiting.status, waiting.code) == (409, "runs.not_waiting_for_input")


async def test_retry_replaces_the_last_reply(api: Api, worker: Worker) -> None:
    token = await register(api)
    thread_id = await thread_with_message(api, token)
    await api.call("createRun", token=token, id=thread_id, input={})
    await worker.run_once()
    first = (await api.call("listMessages", token=token, id=thread_id)).data[-1]
    retried = await api.call("retryThread", token=token, id=thread_id)
    assert retried.status == 201
    await worker.run_once()
    messages = (await api.call("listMessages", token=token, id=thread_id)).data
    assert len(messages) == 2 and messages[-1]["id"] != first["id"]
    assert messages[-1]["run_id"] == retried.data["run_id"]


def parse_sse(text: str) -> list[dict]:
    import json

    frames = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "data" in lines:
            event = json.loads(lines["data"])
            assert lines["id"] == str(event["seq"]) and lines["event"] == event["type"]
            frames.append(event)
    return frames


async def test_concurrent_runs_on_one_thread(client: httpx.AsyncClient, database: Database) -> None:
    rest = Rest(client)
    token = await register(rest)
    thread_id = await thread_with_message(rest, token)
    headers = {"Authorization": f"Bearer {token}"}
    answers = await asyncio.gather(
        *(client.post(f"/v1/threads/{thread_id}/runs", json={}, headers=headers) for _ in range(6))
    )
    statuses = sorted(answer.status_code for answer in answers)
    # PostgreSQL waits on the row lock and answers 409; SQLite may refuse a racing writer with
    # 503 (retryable). Either way exactly one run starts.
    assert statuses[0] == 201 and set(statuses[1:]) <= ({409, 503} if database.is_sqlite else {409})
    runs = (await rest.call("listThreadRuns", token=token, id=thread_id)).data
    assert len(runs) == 1
