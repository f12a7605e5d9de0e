"""A session's trace (newest first, each event with its deliveries' latest status and its
turn's settled credits) and its channels: listed without their secrets, deleted so that
nothing more is pushed to them. Another app's session or channel is not found."""

from __future__ import annotations

import pytest

from app.db import Database
from app.jobs import Worker

from .api import GraphQL, Rest
from .helpers import app_key, character, session
from .receiver import Receiver, drain
from .test_webhooks import register


@pytest.mark.parametrize("receiver", [{"secret": "s", "failures": 0}], indirect=True)
async def test_the_trace_shows_each_event_newest_first_with_delivery_and_cost(
    api: Rest | GraphQL,
    database: Database,
    fast_worker: Worker,
    receiver: tuple[Receiver, str],
) -> None:
    _, url = receiver
    key = await app_key(database)
    await character(api, key, greeting={"text": "Hi!"})
    sid = await session(api, key)
    channel = (await register(api, key, sid, url=url, secret="s")).data
    sent = (await api.call("sendMessage", key, session_id=sid, input={"text": "hello"})).data

    before = (await api.call("sessionTrace", key, session_id=sid)).data["events"]
    assert [e["cursor"] for e in before] == [3, 2, 1]
    assert [e["delivery_status"] for e in before] == ["pending", "pending", None]
    assert before[0]["usage_credits"] is None  # the reply is not written yet

    await drain(fast_worker)
    after = (await api.call("sessionTrace", key, session_id=sid)).data["events"]
    assert [e["type"] for e in after] == [
        "run.status",
        "message.created",
        "run.status",
        "message.created",
        "character.initiated",
    ]
    for event in after[:4]:
        assert event["run_ref"] == sent["run_ref"]
        assert event["delivery_status"] == "delivered"
        assert event["usage_credits"] is not None and event["usage_credits"] > 0
        (delivery,) = event["deliveries"]
        assert delivery["channel_id"] == channel["channel_id"]
        assert (delivery["attempts"], delivery["last_status_code"]) == (1, 200)
    assert after[4]["deliveries"] == [] and after[4]["usage_credits"] is None
    newest = await api.call("sessionTrace", key, session_id=sid, limit=2)
    assert [e["cursor"] for e in newest.data["events"]] == [5, 4]


async def test_trace_limits_and_other_apps_are_refused(
    api: Rest | GraphQL, database: Database
) -> None:
    key = await app_key(database)
    await character(api, key)
    sid = await session(api, key)
    for limit in (0, 501):
        refused = await api.call("sessionTrace", key, session_id=sid, limit=limit)
        assert (refused.status, refused.code) == (422, "validation_error"), limit
    other = await app_key(database, "Other")
    for operation in ("sessionTrace", "sessionChannels"):
        foreign = await api.call(operation, other, session_id=sid)
        assert (foreign.status, foreign.code) == (404, "session_not_found")


@pytest.mark.parametrize("receiver", [{"secret": "s", "failures": 0}], indirect=True)
async def test_channels_are_listed_without_secrets_and_deleted(
    api: Rest | GraphQL,
    database: Database,
    fast_worker: Worker,
    receiver: tuple[Receiver, str],
) -> None:
    hook, url = receiver
    key = await app_key(database)
    await character(api, key)
    sid = await session(api, key)
    made = (await register(api, key, sid, url=url)).data
    assert made["secret"].startswith("whsec_")
    listed = (await api.call("sessionChannels", key, session_id=sid)).data
    assert [(c["channel_id"], c["url"], c["secret"]) for c in listed["channels"]] == [
        (made["channel_id"], url, None)
    ]
    other = await app_key(database, "Other")
    foreign = await api.call("deleteChannel", other, session_id=sid, channel_id=made["channel_id"])
    assert (foreign.status, foreign.code) == (404, "session_not_found")

    # Queued before the delete, pushed never: the delete drops its pending deliveries.
    await api.call("sendMessage", key, session_id=sid, input={"text": "hello"})
    deleted = await api.call("deleteChannel", key, session_id=sid, channel_id=made["channel_id"])
    assert deleted.data == {"channel_id": made["channel_id"], "deleted": True}
    await drain(fast_worker)
    assert hook.received == []
    assert (await api.call("sessionChannels", key, session_id=sid)).data["channels"] == []
    again = await api.call("deleteChannel", key, session_id=sid, channel_id=made["channel_id"])
    assert (again.status, again.code) == (404, "channel_not_found")
