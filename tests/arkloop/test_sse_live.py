"""Run events over a real HTTP server: a client that disconnects mid-run and resumes with
`after_seq` sees every event exactly once, in order, with heartbeats while it waits."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings
from schema.arkloop.service import agent
from schema.arkloop.settings import ArkloopSettings

from ..live import serving


def test_the_heartbeat_is_read_from_arkloops_own_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ARKLOOP_SSE_HEARTBEAT_SECONDS", "2.5")
    assert ArkloopSettings().sse_heartbeat_seconds == 2.5


@pytest.fixture
def quick_heartbeats(domain_settings: dict[str, DomainSettings]) -> dict[str, DomainSettings]:
    """Arkloop's settings with a ping every 50 ms instead of every 15 s."""
    arkloop = domain_settings["arkloop"].model_copy(update={"sse_heartbeat_seconds": 0.05})
    return {**domain_settings, "arkloop": arkloop}


@pytest.fixture
def live_url(
    settings: Settings,
    quick_heartbeats: dict[str, DomainSettings],
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    monkeypatch.setattr(agent, "OFFLINE_DELAY_SECONDS", 0.03)
    live = settings.model_copy(update={"jobs_worker": True, "jobs_poll_seconds": 0.05})
    with serving(create_app("arkloop", live, quick_heartbeats)) as url:
        yield url


async def read_events(response: httpx.Response, stop_after: int | None) -> tuple[list, int]:
    """Events (and pings seen) until the run ends, or `stop_after` deltas."""
    events, pings, deltas = [], 0, 0
    frame: dict[str, str] = {}
    async for line in response.aiter_lines():
        if line == ": ping":
            pings += 1
        elif line.startswith(("id: ", "event: ", "data: ")):
            name, _, value = line.partition(": ")
            frame[name] = value
        elif line == "" and frame:
            event = json.loads(frame["data"])
            assert frame["id"] == str(event["seq"]) and frame["event"] == event["type"]
            events.append(event)
            frame = {}
            deltas += event["type"] == "message.delta"
            if event["type"] == "run.completed" or deltas == stop_after:
                break
    return events, pings


async def test_disconnect_and_resume_sees_each_event_once(live_url: str) -> None:
    async with httpx.AsyncClient(base_url=live_url, timeout=30) as client:
        body = {"login": "alice", "password": "correct horse", "email": "alice@example.com"}
        token = (await client.post("/v1/auth/register", json=body)).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        thread = (await client.post("/v1/threads", json={}, headers=headers)).json()
        await client.post(
            f"/v1/threads/{thread['id']}/messages", json={"content": "hi"}, headers=headers
        )
        run = (await client.post(f"/v1/threads/{thread['id']}/runs", headers=headers)).json()
        url = f"/v1/runs/{run['run_id']}/events"

        async with client.stream("GET", url, headers=headers) as response:
            first, pings = await read_events(response, stop_after=5)
        last = first[-1]["seq"]
        params = {"after_seq": last}
        async with client.stream("GET", url, headers=headers, params=params) as response:
            rest, more_pings = await read_events(response, stop_after=None)

        seqs = [event["seq"] for event in first + rest]
        assert seqs == list(range(1, len(seqs) + 1))
        assert rest[-1]["type"] == "run.completed"
        assert pings + more_pings > 0
        replay = await client.get(url, headers=headers, params={"follow": "false"})
        assert replay.text.count("event: ") == len(seqs)


@pytest.fixture
def idle_url(
    settings: Settings, quick_heartbeats: dict[str, DomainSettings], database: Database
) -> Iterator[str]:
    """A server whose runs never start (no job worker), so followers wait for events."""
    with serving(create_app("arkloop", settings, quick_heartbeats)) as url:
        yield url


async def test_a_follower_waiting_for_events_gets_headers_and_pings(idle_url: str) -> None:
    async with httpx.AsyncClient(base_url=idle_url, timeout=10) as client:
        body = {"login": "bob", "password": "correct horse", "email": "bob@example.com"}
        token = (await client.post("/v1/auth/register", json=body)).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        thread = (await client.post("/v1/threads", json={}, headers=headers)).json()
        run = (await client.post(f"/v1/threads/{thread['id']}/runs", headers=headers)).json()
        url = f"/v1/runs/{run['run_id']}/events"
        async with client.stream("GET", url, headers=headers, params={"after_seq": 1}) as answer:
            assert answer.status_code == 200
            assert answer.headers["content-type"].startswith("text/event-stream")
            async for line in answer.aiter_lines():
                if line == ": ping":
                    break
        missing = await client.get("/v1/runs/nope/events", headers=headers)
        assert missing.status_code == 404
