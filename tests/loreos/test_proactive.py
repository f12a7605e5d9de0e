"""Proactive controls (a session's overrides of its character's thresholds, null clearing one)
and the proactive test: the character starts one message now, written by the reply job
through a real model on loopback, delivered as message.created with `proactive: true`; metered
like a reply and refused by a hard cap before any model call."""

from __future__ import annotations

from app.db import Database
from app.jobs import Worker

from ..live import Recorder, completion
from .api import GraphQL, Rest
from .helpers import app_key, character, session


async def test_controls_override_the_character_and_null_clears(
    api: Rest | GraphQL, database: Database
) -> None:
    key = await app_key(database)
    await character(api, key, behavioral_thresholds={"daily_initiate_cap": 5})
    sid = await session(api, key)
    changed = await api.call(
        "updateProactiveControls",
        key,
        session_id=sid,
        input={"proactivity_tolerance": 0.9, "cold_initiate_enabled": True},
    )
    assert changed.data["overrides"] == {
        "proactivity_tolerance": 0.9,
        "cold_initiate_enabled": True,
    }
    effective = changed.data["effective"]
    assert (effective["daily_initiate_cap"], effective["proactivity_tolerance"]) == (5, 0.9)
    assert effective["session_resume_enabled"] is False  # the default
    cleared = await api.call(
        "updateProactiveControls", key, session_id=sid, input={"proactivity_tolerance": None}
    )
    assert cleared.data["overrides"] == {"cold_initiate_enabled": True}
    assert cleared.data["effective"]["proactivity_tolerance"] == 0.5

    for bad in (
        {"proactivity_tolerance": 1.5},
        {"cold_initiate_min_idle_minutes": 4},
        {"daily_initiate_cap": 51},
        {"cold_initiate_enabled": "yes"},
    ):
        refused = await api.call("updateProactiveControls", key, session_id=sid, input=bad)
        assert (refused.status, refused.code) == (422, "validation_error"), bad
    other = await app_key(database, "Other")
    for operation, variables in (
        ("updateProactiveControls", {"input": {"daily_initiate_cap": 1}}),
        ("proactiveTest", {}),
    ):
        foreign = await api.call(operation, other, session_id=sid, **variables)
        assert (foreign.status, foreign.code) == (404, "session_not_found")


async def test_the_proactive_test_starts_a_message_through_the_model(
    api: Rest | GraphQL,
    database: Database,
    model: tuple[Recorder, str],
    model_worker: Worker,
) -> None:
    recorder, _ = model
    key = await app_key(database)
    await character(api, key, greeting={"text": "Hi"})
    sid = await session(api, key)
    started = await api.call("proactiveTest", key, session_id=sid)
    assert started.status == 200
    assert (started.data["cursor"], started.data["reply_mode"]) == (2, "proactive")
    recorder.reply(completion("Guess what I saw today?"))
    assert await model_worker.run_once() == 1
    sent = recorder.requests[0]["json"]["messages"]
    assert sent[-1]["role"] == "system" and "unprompted" in sent[-1]["content"]
    events = (await api.call("sessionEvents", key, session_id=sid, since=1)).data["events"]
    assert [(e["cursor"], e["type"], e["role"]) for e in events] == [
        (2, "run.status", "character"),
        (3, "message.created", "character"),
        (4, "run.status", "character"),
    ]
    assert events[1]["payload"]["proactive"] is True
    assert events[1]["payload"]["text"] == "Guess what I saw today?"
    (run,) = (await api.call("sessionRuns", key, session_id=sid)).data["runs"]
    assert (run["run_ref"], run["status"]) == (started.data["run_ref"], "completed")
    assert run["cost_credits"] > 0


async def test_a_capped_app_is_refused_before_any_model_call(
    api: Rest | GraphQL,
    database: Database,
    model: tuple[Recorder, str],
    model_worker: Worker,
) -> None:
    recorder, _ = model
    key = await app_key(database)
    await character(api, key)
    sid = await session(api, key)
    me = (await api.call("me", key)).data
    await api.call("setAppBudget", key, app_id=me["app_id"], input={"limit_credits": 1})
    refused = await api.call("proactiveTest", key, session_id=sid)
    assert (refused.status, refused.code) == (402, "budget_exceeded")
    assert await model_worker.run_once() == 0
    assert recorder.requests == []
    assert (await api.call("sessionEvents", key, session_id=sid)).data["events"] == []
