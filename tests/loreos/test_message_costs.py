"""`GET /v1/usage/message-costs`: the ledger per (end-user, character) pair with its latest
messages, filtered, ordered by the view, with previews on request; bad views, modalities and
instants are 422; another app's ledger is never counted."""

from __future__ import annotations

from typing import Any

import pytest

from app.db import Database
from app.jobs import Worker

from .api import GraphQL, Rest
from .helpers import app_key, character, session


async def costs(api: Rest | GraphQL, key: str, **query: Any) -> Any:
    return await api.call("messageCosts", key, **query)


async def test_costs_per_pair_with_recent_messages(
    api: Rest | GraphQL, database: Database, worker: Worker
) -> None:
    key = await app_key(database)
    await character(api, key)
    await character(api, key, slug="jun")
    sent = {}
    for slug, ref, texts in (
        ("mina", "a", ["one", "two", "three"]),
        ("jun", "a", ["x"]),
        ("mina", "b", ["y"]),
    ):
        sid = await session(api, key, slug=slug, ref=ref)
        for text in texts:
            await api.call("sendMessage", key, session_id=sid, input={"text": text})
        sent[(ref, slug)] = sid
    await worker.run_once()
    other = await app_key(database, "Other")
    await character(api, other, slug="theirs")
    await api.call(
        "sendMessage",
        other,
        session_id=await session(api, other, slug="theirs", ref="a"),
        input={"text": "z"},
    )

    found = (await costs(api, key, messages_per_pair=2, include_preview=True)).data
    assert found["view"] == "users" and found["image_credits"] == 0.0
    assert [
        (p["external_user_ref"], p["character_slug"], p["messages"]) for p in found["pairs"]
    ] == [
        ("a", "mina", 3),
        ("a", "jun", 1),
        ("b", "mina", 1),
    ]
    first = found["pairs"][0]
    assert [m["preview"] for m in first["recent"]] == ["three", "two"]
    assert {m["ledger_status"] for m in first["recent"]} == {"settled"}
    assert first["recent"][0]["session_id"] == sent[("a", "mina")]
    assert found["total_credits"] == pytest.approx(sum(p["total_credits"] for p in found["pairs"]))

    by_character = (await costs(api, key, view="characters", messages_per_pair=0)).data
    assert [(p["character_slug"], p["external_user_ref"]) for p in by_character["pairs"]] == [
        ("jun", "a"),
        ("mina", "a"),
        ("mina", "b"),
    ]
    assert all(p["recent"] == [] for p in by_character["pairs"])
    one = (await costs(api, key, character_slug="mina", external_user_ref="b")).data["pairs"]
    assert [(p["messages"], p["recent"][0]["preview"]) for p in one] == [(1, None)]
    assert (await costs(api, key, session_id=sent[("a", "jun")])).data["pairs"][0]["messages"] == 1
    assert (await costs(api, key, **{"from": "2999-01-01T00:00:00Z"})).data["pairs"] == []
    assert len((await costs(api, key, to="2999-01-01")).data["pairs"]) == 3
    assert (await costs(api, key, modality="image")).data["pairs"] == []
    assert len((await costs(api, key, limit=1)).data["pairs"]) == 1


async def test_bad_filters_are_validation_errors(api: Rest | GraphQL, database: Database) -> None:
    key = await app_key(database)
    for query in (
        {"view": "bots"},
        {"modality": "smell"},
        {"from": "yesterday"},
        {"limit": 0},
        {"messages_per_pair": 26},
    ):
        refused = await costs(api, key, **query)
        assert (refused.status, refused.code) == (422, "validation_error"), query
