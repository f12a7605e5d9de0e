"""Characters: created idempotently on content (identical content reuses its version, new
content publishes the next), validated without storing, patched, read with their readiness;
slugs are unique across apps, and another app's character is not found."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .api import GraphQL, Rest
from .helpers import character, sandbox_key

FULL: dict[str, Any] = {
    "profile": {
        "visible_bio": "Barista in Busan.",
        "visible_interests": ["film", "surfing"],
        "identity_anchors": {"hair": "short black"},
    },
    "voice_samples": [{"scenario_tag": t, "sample_role": "anchor", "text": t} for t in "abc"],
    "greeting": {"bubbles": ["Hi!", "New here?"]},
    "onboarding": [{"step": "name"}],
    "character_direction": {"tone": "warm"},
    "life_template": {"job": "barista"},
    "story_engine": {"pace": "slow"},
    "world_model_seed": [{"place": "Busan"}],
    "arc_seeds": [{"arc": "new cafe"}],
    "relationship_seed": {"stage": "strangers"},
    "emotion_baseline": {"mood": "calm"},
}


async def test_identical_content_reuses_its_version_and_new_content_publishes_the_next(
    api: Rest | GraphQL,
) -> None:
    key = await sandbox_key(api)
    first = await character(api, key, greeting={"text": "Hello"})
    assert (first["version_number"], first["version_created"]) == (1, True)
    assert first["character_id"].startswith("char_")
    again = await character(api, key, greeting={"text": "Hello"})
    assert (again["version_number"], again["version_created"]) == (1, False)
    changed = await character(api, key, greeting={"text": "Hey"})
    assert (changed["version_number"], changed["version_created"]) == (2, True)
    assert changed["character_id"] == first["character_id"]


async def test_patch_publishes_only_changed_content(api: Rest | GraphQL) -> None:
    key = await sandbox_key(api)
    await character(api, key)
    patched = await api.call("updateCharacter", key, slug="mina", input={"display_name": "Mi"})
    assert (patched.data["version_number"], patched.data["display_name"]) == (2, "Mi")
    same = await api.call("updateCharacter", key, slug="mina", input={"display_name": "Mi"})
    assert (same.data["version_number"], same.data["version_created"]) == (2, False)
    read = await api.call("getCharacter", key, slug="mina")
    assert read.data["content"]["display_name"] == "Mi"
    assert read.data["version_number"] == 2


async def test_readiness_scores_the_thirteen_checks(api: Rest | GraphQL) -> None:
    key = await sandbox_key(api)
    bare = await character(api, key)
    assert bare["authoring_readiness"]["score"] == 0
    assert len(bare["authoring_readiness"]["checks"]) == 13
    full = await character(api, key, slug="jun", **FULL)
    assert full["authoring_readiness"] == {**full["authoring_readiness"], "status": "ready"}
    assert full["authoring_readiness"]["score"] == 100
    odd = {**FULL, "profile": {**FULL["profile"], "favourite_colour": "red"}}
    warned = await character(api, key, slug="yuna", **odd)
    assert warned["authoring_readiness"]["status"] == "needs_work"
    assert warned["authoring_readiness"]["warnings"][0]["code"] == "profile_unknown_keys"
    readiness = await api.call("characterReadiness", key, slug="jun")
    assert readiness.data["score"] == 100


async def test_validate_stores_nothing(api: Rest | GraphQL) -> None:
    key = await sandbox_key(api)
    checked = await api.call("validateCharacter", key, input={"slug": "mina", "display_name": "M"})
    assert checked.data["valid"] is True
    missing = await api.call("getCharacter", key, slug="mina")
    assert (missing.status, missing.code) == (404, "character_not_found")


async def test_another_apps_slug_is_a_conflict_and_its_character_not_found(
    api: Rest | GraphQL,
) -> None:
    mine, theirs = await sandbox_key(api), await sandbox_key(api)
    await character(api, theirs)
    taken = await api.call("createCharacter", mine, input={"slug": "mina", "display_name": "M"})
    assert (taken.status, taken.code) == (409, "character_slug_taken")
    for operation, variables in (
        ("getCharacter", {"slug": "mina"}),
        ("characterReadiness", {"slug": "mina"}),
        ("updateCharacter", {"slug": "mina", "input": {"display_name": "Mine"}}),
        ("createSession", {"input": {"character": "mina", "external_user_ref": "u"}}),
    ):
        outcome = await api.call(operation, mine, **variables)
        assert (outcome.status, outcome.code) == (404, "character_not_found"), operation


async def test_demo_keys_create_at_most_three_characters(api: Rest | GraphQL) -> None:
    key = await sandbox_key(api)
    for slug in ("a1", "a2", "a3"):
        await character(api, key, slug=slug)
    outcome = await api.call("createCharacter", key, input={"slug": "a4", "display_name": "A"})
    assert (outcome.status, outcome.code) == (403, "demo_quota_exceeded")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"slug": "", "display_name": "x"},
        {"slug": "x" * 129, "display_name": "x"},
        {"slug": "Has Spaces", "display_name": "x"},
        {"slug": 5, "display_name": "x"},
        {"slug": "ok", "display_name": None},
        {"slug": "ok", "display_name": "x", "profile": "not an object"},
        {"slug": "ok", "display_name": "x", "voice_samples": {"a": 1}},
        {"slug": "ok", "display_name": "x", "locale": "k"},
        [],
        "text",
    ],
)
async def test_bad_character_bodies_are_422_validation_error(
    client: httpx.AsyncClient, body: Any
) -> None:
    key = await sandbox_key(Rest(client))
    response = await client.post(
        "/v1/characters", json=body, headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail["code"] == "validation_error"
    assert detail["fix"] and detail["errors"]


async def test_unparseable_json_is_422(client: httpx.AsyncClient) -> None:
    key = await sandbox_key(Rest(client))
    response = await client.post(
        "/v1/characters",
        content=b"{not json",
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["detail"]["code"] == "validation_error"


async def test_create_hints_the_session_to_start(client: httpx.AsyncClient) -> None:
    key = await sandbox_key(Rest(client))
    response = await client.post(
        "/v1/characters",
        json={"slug": "mina", "display_name": "Mina"},
        headers={"Authorization": f"Bearer {key}"},
    )
    hints = response.json()["next_actions"]
    assert hints[0]["command"].startswith('POST /v1/sessions {"character": "mina"')
    assert all(set(hint) == {"command", "description"} for hint in hints)


async def test_the_runtime_preview_shows_only_the_safe_compiled_context(
    api: Rest | GraphQL,
) -> None:
    key = await sandbox_key(api)
    profile = {"visible_bio": "Barista in Busan", "private_notes": "secret plan"}
    voice = [{"scenario_tag": "hello", "sample_role": "anchor", "text": "Hey you!"}]
    await character(api, key, profile=profile, voice_samples=voice, greeting={"text": "Hi"})
    preview = (await api.call("characterRuntimePreview", key, slug="mina")).data
    assert (preview["slug"], preview["version_number"]) == ("mina", 1)
    assert preview["runtime"]["persona"] == {"visible_bio": "Barista in Busan"}
    assert preview["runtime"]["voice_samples"] == ["Hey you!"]
    assert "Barista in Busan" in preview["compiled_context"]
    assert "secret plan" not in preview["compiled_context"]
    assert preview["greeting"] == {"text": "Hi"}
    other = await sandbox_key(api)
    hidden = await api.call("characterRuntimePreview", other, slug="mina")
    assert (hidden.status, hidden.code) == (404, "character_not_found")
