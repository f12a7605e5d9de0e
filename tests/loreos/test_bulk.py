"""Bulk character creation: each item is created as POST /v1/characters would create it, in
its own savepoint, so one refused item (another app's slug, the demo quota) is reported and the
rest are stored. A malformed item or more than 50 is a 422 for the whole request."""

from __future__ import annotations

from app.db import Database

from .api import GraphQL, Rest
from .helpers import app_key, character, sandbox_key


def bodies(*slugs: str) -> list[dict[str, str]]:
    return [{"slug": slug, "display_name": slug.title()} for slug in slugs]


async def test_each_item_has_its_status_and_a_failed_one_stops_nothing(
    api: Rest | GraphQL, database: Database
) -> None:
    other = await app_key(database, "Other")
    await character(api, other, slug="taken")
    key = await app_key(database)
    outcome = await api.call(
        "bulkCreateCharacters", key, input={"characters": bodies("ana", "taken", "bo")}
    )
    assert outcome.status == 200
    found = outcome.data
    assert (found["succeeded"], found["failed"]) == (2, 1)
    assert [(r["index"], r["slug"], r["status"]) for r in found["results"]] == [
        (0, "ana", "ok"),
        (1, "taken", "error"),
        (2, "bo", "ok"),
    ]
    refused = found["results"][1]
    assert refused["character"] is None and refused["error"]["code"] == "character_slug_taken"
    assert refused["error"]["fix"]
    assert found["results"][0]["character"]["version_number"] == 1
    for slug in ("ana", "bo"):
        assert (await api.call("getCharacter", key, slug=slug)).status == 200
    assert (await api.call("getCharacter", key, slug="taken")).status == 404

    # Idempotent on content, item by item: the same batch publishes nothing new.
    again = (await api.call("bulkCreateCharacters", key, input={"characters": bodies("ana")})).data
    assert again["results"][0]["character"]["version_created"] is False


async def test_the_demo_quota_refuses_the_items_past_it(api: Rest | GraphQL) -> None:
    demo = await sandbox_key(api)
    outcome = await api.call(
        "bulkCreateCharacters", demo, input={"characters": bodies("d1", "d2", "d3", "d4")}
    )
    statuses = [(r["status"], (r["error"] or {}).get("code")) for r in outcome.data["results"]]
    assert statuses == [("ok", None)] * 3 + [("error", "demo_quota_exceeded")]


async def test_bad_batches_are_refused_whole(api: Rest | GraphQL, database: Database) -> None:
    key = await app_key(database)
    too_many = bodies(*(f"c{n}" for n in range(51)))
    for batch in (too_many, [{"slug": "ok"}], [{"slug": "Bad Slug", "display_name": "x"}]):
        refused = await api.call("bulkCreateCharacters", key, input={"characters": batch})
        assert (refused.status, refused.code) == (422, "validation_error")
    nothing = await api.call("bulkCreateCharacters", key, input={"characters": []})
    assert nothing.data == {"succeeded": 0, "failed": 0, "results": []}
    assert (await api.call("getCharacter", key, slug="c0")).status == 404
