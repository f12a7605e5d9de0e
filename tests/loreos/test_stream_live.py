"""A session's event stream over a real HTTP server: `data:` frames of the events, heartbeats,
a connection that ends at its cap, and a client that disconnects and resumes with `since`
seeing every event once, in order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

from ..live import serving

TERMINAL = {"completed", "failed"}


@pytest.fixture
def live_url(
    settings: Settings, domain_settings: dict[str, DomainSettings], database: Database
) -> Iterator[str]:
    quick = domain_settings["loreos"].model_copy(
        update={"sse_heartbeat_seconds": 0.05, "stream_max_seconds": 1.5}
    )
    live = settings.model_copy(update={"jobs_worker": True, "jobs_poll_seconds": 0.05})
    with serving(create_app("loreos", live, {**domain_settings, "loreos": quick})) as url:
        yield url


async def read(response: httpx.Response, until: Any = None) -> tuple[list[dict[str, Any]], int]:
    """Events (and heartbeats seen) until `until(event)` holds or the server ends the stream."""
    events, pings = [], 0
    async for line in response.aiter_lines():
        if line.startswith(":"):
            pings += 1
        elif line.startswith("data: "):
            events.append(json.loads(line.removeprefix("data: ")))
            if until is not None and until(events[-1]):
                break
    return events, pings


def finished(event: dict[str, Any]) -> bool:
    return event["type"] == "run.status" and event["payload"]["status"] in TERMINAL


async def test_a_resumed_stream_sees_every_event_once(live_url: str) -> None:
    async with httpx.AsyncClient(base_url=live_url, timeout=10) as client:
        key = (await client.post("/v1/demo/sandbox-key")).json()["data"]["api_key"]
        auth = {"Authorization": f"Bearer {key}"}
        body = {"slug": "mina", "display_name": "Mina", "greeting": {"text": "Hi"}}
        await client.post("/v1/characters", json=body, headers=auth)
        opened = await client.post(
            "/v1/sessions", json={"character": "mina", "external_user_ref": "u"}, headers=auth
        )
        sid = opened.json()["data"]["session_id"]
        stream = f"/v1/sessions/{sid}/events/stream"
        async with client.stream("GET", stream, headers=auth) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            greeting, _ = await read(response, lambda event: True)
        await client.post(f"/v1/sessions/{sid}/messages", json={"text": "hello"}, headers=auth)
        rest: list[dict[str, Any]] = []
        # Each connection ends at its cap; a client reconnects with its last cursor.
        for _ in range(10):
            if rest and finished(rest[-1]):
                break
            since = (rest or greeting)[-1]["cursor"]
            async with client.stream("GET", f"{stream}?since={since}", headers=auth) as response:
                rest += (await read(response, finished))[0]
    cursors = [event["cursor"] for event in greeting + rest]
    assert cursors == [1, 2, 3, 4, 5]
    assert [event["type"] for event in rest] == [
        "message.created",
        "run.status",
        "message.created",
        "run.status",
    ]
    assert rest[2]["role"] == "character" and rest[2]["payload"]["bubbles"]


async def test_a_connection_ends_at_its_cap_with_heartbeats(live_url: str) -> None:
    async with httpx.AsyncClient(base_url=live_url, timeout=10) as client:
        key = (await client.post("/v1/demo/sandbox-key")).json()["data"]["api_key"]
        auth = {"Authorization": f"Bearer {key}"}
        await client.post("/v1/characters", json={"slug": "jun", "display_name": "J"}, headers=auth)
        opened = await client.post(
            "/v1/sessions", json={"character": "jun", "external_user_ref": "u"}, headers=auth
        )
        sid = opened.json()["data"]["session_id"]
        async with client.stream(
            "GET", f"/v1/sessions/{sid}/events/stream", headers=auth
        ) as response:
            events, pings = await read(response)
    assert events == []
    assert pings >= 3
