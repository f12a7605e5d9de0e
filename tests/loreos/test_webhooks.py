"""Webhook channels: every event appended after registration is POSTed by the job worker to a
real receiver on loopback, signed with the channel's secret, retried with backoff when the
receiver fails, and kept as one delivery per event whose latest status is recorded. Internal
targets are refused unless allowed; demo keys and other apps' sessions cannot register one."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from app.db import Database
from app.jobs import Worker
from schema.loreos.models import Delivery
from schema.loreos.settings import LoreosSettings

from .api import GraphQL, Rest
from .helpers import app_key, character, sandbox_key, session
from .receiver import Receiver, drain


async def deliveries(database: Database) -> list[tuple[str, int, int | None]]:
    async with database.session() as db:
        rows = (await db.scalars(select(Delivery))).all()
    return sorted((row.status, row.attempts, row.last_status_code) for row in rows)


async def register(api: Rest | GraphQL, key: str, sid: str, **body: Any) -> Any:
    return await api.call("registerChannel", key, session_id=sid, input=body)


async def test_events_are_pushed_signed_and_retried_until_accepted(
    api: Rest | GraphQL,
    database: Database,
    fast_worker: Worker,
    receiver: tuple[Receiver, str],
) -> None:
    hook, url = receiver
    key = await app_key(database)
    await character(api, key, greeting={"text": "Hi!"})
    sid = await session(api, key)
    channel = (await register(api, key, sid, url=url, secret="s3cret")).data
    assert channel["channel_id"].startswith("chn_") and channel["secret"] is None
    assert channel["signature_header"] == "x-auto-dating-signature"
    sent = await api.call("sendMessage", key, session_id=sid, input={"text": "hello"})
    assert sent.status == 200
    await drain(fast_worker)

    log = (await api.call("sessionEvents", key, session_id=sid)).data["events"]
    pushed = log[1:]  # the greeting came before the channel
    assert [e["type"] for e in pushed] == [
        "message.created",
        "run.status",
        "message.created",
        "run.status",
    ]
    # Each event arrived once accepted, exactly as the events endpoint answers it.
    assert sorted((b["event"] for b in hook.accepted), key=lambda e: e["cursor"]) == pushed
    assert len(hook.received) == len(pushed) + 2  # the two refused attempts came again
    for request in hook.received:
        body = json.loads(request["body"])
        assert request["headers"]["x-auto-dating-event-id"] == body["event"]["event_id"]
    assert await deliveries(database) == [
        ("delivered", 1, 200),
        ("delivered", 1, 200),
        ("delivered", 2, 200),
        ("delivered", 2, 200),
    ]


@pytest.mark.parametrize("receiver", [{"secret": "x", "failures": 100}], indirect=True)
async def test_a_receiver_that_keeps_failing_is_given_up_after_the_attempts(
    api: Rest | GraphQL,
    database: Database,
    fast_worker: Worker,
    receiver: tuple[Receiver, str],
) -> None:
    hook, url = receiver
    key = await app_key(database)
    await character(api, key)
    sid = await session(api, key)
    await register(api, key, sid, url=url, secret="x")
    await api.call("sendMessage", key, session_id=sid, input={"text": "hello"})
    async with database.session() as db:
        # Only the user's message and run.status: the reply job has not run.
        assert len((await db.scalars(select(Delivery))).all()) == 2
    await drain(fast_worker)
    # FACET_JOBS_MAX_ATTEMPTS is 3 in this worker.
    assert await deliveries(database) == [("failed", 3, 503)] * 4
    assert len(hook.received) == 12


@pytest.mark.parametrize("receiver", [{"secret": "x", "status": 410}], indirect=True)
async def test_an_answer_another_attempt_would_not_change_ends_the_delivery(
    api: Rest | GraphQL,
    database: Database,
    fast_worker: Worker,
    receiver: tuple[Receiver, str],
) -> None:
    hook, url = receiver
    key = await app_key(database)
    await character(api, key)
    sid = await session(api, key)
    await register(api, key, sid, url=url, secret="x")
    await api.call("sendMessage", key, session_id=sid, input={"text": "hello"})
    await drain(fast_worker)
    assert await deliveries(database) == [("failed", 1, 410)] * 4
    assert len(hook.received) == 4


@pytest.mark.parametrize("receiver", [{"secret": "unknown", "failures": 0}], indirect=True)
async def test_without_a_secret_one_is_made_shown_once_and_signs(
    api: Rest | GraphQL,
    database: Database,
    fast_worker: Worker,
    receiver: tuple[Receiver, str],
) -> None:
    hook, url = receiver
    key = await app_key(database)
    await character(api, key)
    sid = await session(api, key)
    channel = (await register(api, key, sid, url=url)).data
    assert channel["secret"].startswith("whsec_")
    hook.secret = channel["secret"]
    again = (await register(api, key, sid, url=url, secret="mine")).data
    assert again["channel_id"] == channel["channel_id"] and again["secret"] is None
    hook.secret = "mine"
    await api.call("sendMessage", key, session_id=sid, input={"text": "hello"})
    await drain(fast_worker)
    assert len(hook.accepted) == 4 == len(hook.received)


async def test_internal_and_malformed_targets_are_refused(
    api: Rest | GraphQL, database: Database
) -> None:
    key = await app_key(database)
    await character(api, key)
    sid = await session(api, key)
    for url in (
        "http://127.0.0.1:9/hook",
        "http://169.254.169.254/latest",
        "http://[::1]/",
        "http://10.0.0.1/",
        "ftp://example.com/",
        "http://u@example.com/",
        "not a url",
    ):
        refused = await register(api, key, sid, url=url)
        assert (refused.status, refused.code) == (422, "validation_error"), url


async def test_demo_keys_and_other_apps_cannot_register(
    api: Rest | GraphQL, database: Database, private_targets: LoreosSettings
) -> None:
    demo = await sandbox_key(api)
    await character(api, demo, slug="demo-char")
    demo_session = await session(api, demo, slug="demo-char")
    refused = await register(api, demo, demo_session, url="http://127.0.0.1:9/")
    assert (refused.status, refused.code) == (403, "demo_key_surface_disabled")
    other = await app_key(database, "Other")
    foreign = await register(api, other, demo_session, url="http://127.0.0.1:9/")
    assert (foreign.status, foreign.code) == (404, "session_not_found")
