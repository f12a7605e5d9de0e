"""Metering: a send reserves credits, its reply settles them; a hard cap (the app's or the
end-user's) answers 402 budget_exceeded before any model call, leaving the ledger and the
provider untouched. The model here is a real OpenAI-compatible server on loopback."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.jobs import Worker
from schema.loreos.models import UsageEvent

from ..live import Recorder, completion
from .api import GraphQL, Rest
from .helpers import app_key, character, sandbox_key, session


async def ledger(database: Database) -> list[tuple[str, float]]:
    async with database.session() as db:
        rows = (await db.scalars(select(UsageEvent).order_by(UsageEvent.created_at))).all()
    return [(row.status, row.credits) for row in rows]


async def test_a_reply_settles_its_reservation_and_a_cap_refuses_before_the_model(
    api: Rest | GraphQL,
    database: Database,
    model: tuple[Recorder, str],
    model_worker: Worker,
) -> None:
    recorder, _ = model
    key = await app_key(database)
    await character(api, key, greeting={"text": "Hi"})
    sid = await session(api, key, ref="payer")
    me = (await api.call("me", key)).data
    capped = await api.call("setAppBudget", key, app_id=me["app_id"], input={"limit_credits": 2.5})
    assert capped.data["limit_credits"] == 2.5

    recorder.reply(completion("Hello!\n\nHow are you?"))
    await api.call("sendMessage", key, session_id=sid, input={"text": "hi"})
    assert await ledger(database) == [("reserved", 2.0)]
    assert await model_worker.run_once() == 1
    assert len(recorder.requests) == 1
    assert recorder.requests[0]["json"]["messages"][0]["role"] == "system"
    [(status, settled)] = await ledger(database)
    assert status == "settled" and 0 < settled < 2.0
    events = (await api.call("sessionEvents", key, session_id=sid, since=3)).data["events"]
    assert events[0]["payload"] == {
        "text": "Hello!\nHow are you?",
        "bubbles": ["Hello!", "How are you?"],
    }

    # settled + a new reservation of 2.0 would pass the cap of 2.5
    refused = await api.call("sendMessage", key, session_id=sid, input={"text": "again"})
    assert (refused.status, refused.code) == (402, "budget_exceeded")
    assert await ledger(database) == [("settled", settled)]
    assert await model_worker.run_once() == 0
    assert len(recorder.requests) == 1
    after = (await api.call("sessionEvents", key, session_id=sid, since=5)).data["events"]
    assert after == []

    cleared = await api.call(
        "setAppBudget", key, app_id=me["app_id"], input={"limit_credits": None}
    )
    assert cleared.data["limit_credits"] is None
    accepted = await api.call("sendMessage", key, session_id=sid, input={"text": "now"})
    assert accepted.status == 200


async def test_an_end_user_cap_refuses_only_that_end_user(
    api: Rest | GraphQL, database: Database
) -> None:
    key = await app_key(database)
    await character(api, key)
    capped, free = await session(api, key, ref="capped"), await session(api, key, ref="free")
    policy = await api.call(
        "setExternalUserBudget", key, external_user_ref="capped", input={"limit_credits": 1.0}
    )
    assert policy.data == {
        "external_user_ref": "capped",
        "resource_type": "all",
        "limit_credits": 1.0,
        "enforcement": "hard",
        "spent_credits": 0.0,
    }
    refused = await api.call("sendMessage", key, session_id=capped, input={"text": "hi"})
    assert (refused.status, refused.code) == (402, "budget_exceeded")
    assert (await api.call("sendMessage", key, session_id=free, input={"text": "hi"})).status == 200
    soft = await api.call(
        "setExternalUserBudget",
        key,
        external_user_ref="capped",
        input={"limit_credits": 1.0, "enforcement": "soft"},
    )
    assert soft.data["enforcement"] == "soft"
    assert (
        await api.call("sendMessage", key, session_id=capped, input={"text": "hi"})
    ).status == 200


async def test_usage_groups_the_ledger_and_rates_show_the_card(
    api: Rest | GraphQL, database: Database, worker: Worker
) -> None:
    key = await app_key(database)
    await character(api, key)
    await character(api, key, slug="jun")
    for slug, ref in (("mina", "a"), ("mina", "b"), ("jun", "a")):
        sid = await session(api, key, slug=slug, ref=ref)
        await api.call("sendMessage", key, session_id=sid, input={"text": "hi"})
    await worker.run_once()
    by_character = (await api.call("usage", key, group_by="character")).data
    assert [(g["key"], g["events"]) for g in by_character["groups"]] == [("mina", 2), ("jun", 1)]
    assert by_character["reserved_credits"] == 0.0
    assert by_character["total_credits"] == pytest.approx(by_character["settled_credits"])
    default = (await api.call("usage", key)).data
    assert default["group_by"] == "resource_type"
    assert [g["key"] for g in default["groups"]] == ["text_reply"]
    bad = await api.call("usage", key, group_by="colour")
    assert (bad.status, bad.code) == (422, "validation_error")
    rates = (await api.call("rates", key)).data
    assert rates["rates"][0]["resource_type"] == "text_reply"


async def test_demo_keys_cannot_change_budgets_and_apps_are_their_own(
    api: Rest | GraphQL, database: Database
) -> None:
    demo = await sandbox_key(api)
    outcome = await api.call(
        "setExternalUserBudget", demo, external_user_ref="u", input={"limit_credits": 1.0}
    )
    assert (outcome.status, outcome.code) == (403, "demo_key_surface_disabled")
    key = await app_key(database)
    other = (await api.call("me", demo)).data["app_id"]
    foreign = await api.call("setAppBudget", key, app_id=other, input={"limit_credits": 1.0})
    assert (foreign.status, foreign.code) == (404, "app_not_found")
    negative = await api.call(
        "setExternalUserBudget", key, external_user_ref="u", input={"limit_credits": -1}
    )
    assert (negative.status, negative.code) == (422, "validation_error")
    async with database.session() as db:
        assert await db.scalar(select(func.count()).select_from(UsageEvent)) == 0
