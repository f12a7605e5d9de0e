"""Production readiness and activation (the app's hard cap is the gate that can block; a
blocked activation is 409 with the readiness), and character bundle imports in
authoring_only mode: create, status, preview, commit (an identity image fetched from a real
https server on loopback). Other apps are not found; demo keys cannot activate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.db import Database
from schema.loreos.settings import LoreosSettings

from .api import GraphQL, Rest
from .helpers import app_key, character, sandbox_key
from .images import image_server


async def test_activation_is_blocked_until_a_hard_cap_then_recorded(
    api: Rest | GraphQL, database: Database
) -> None:
    key = await app_key(database)
    app_id = (await api.call("me", key)).data["app_id"]
    found = (await api.call("productionReadiness", key, app_id=app_id)).data
    assert (found["status"], found["active"], found["blockers"]) == (
        "blocked",
        False,
        ["app_hard_cap"],
    )
    assert [c["key"] for c in found["checks"]] == ["billing_active", "app_hard_cap"]
    blocked = await api.call("activateProduction", key, app_id=app_id)
    assert (blocked.status, blocked.code) == (409, "production_activation_blocked")

    await api.call("setAppBudget", key, app_id=app_id, input={"limit_credits": 50})
    active = (await api.call("activateProduction", key, app_id=app_id)).data
    assert (active["status"], active["active"], active["blockers"]) == ("ready", True, [])
    again = (await api.call("activateProduction", key, app_id=app_id)).data
    assert again["activated_at"] == active["activated_at"]

    other = await app_key(database, "Other")
    for operation in ("productionReadiness", "activateProduction"):
        foreign = await api.call(operation, other, app_id=app_id)
        assert (foreign.status, foreign.code) == (404, "app_not_found")
    demo = await sandbox_key(api)
    demo_app = (await api.call("me", demo)).data["app_id"]
    refused = await api.call("activateProduction", demo, app_id=demo_app)
    assert (refused.status, refused.code) == (403, "demo_key_surface_disabled")


async def test_a_blocked_activation_carries_the_readiness(
    client: httpx.AsyncClient, database: Database
) -> None:
    key = await app_key(database)
    headers = {"Authorization": f"Bearer {key}"}
    app_id = (await client.get("/v1/me", headers=headers)).json()["data"]["app_id"]
    answer = await client.post(f"/v1/account/apps/{app_id}/production-activation", headers=headers)
    detail = answer.json()["detail"]
    assert (answer.status_code, detail["code"]) == (409, "production_activation_blocked")
    assert detail["fix"] and detail["readiness"]["blockers"] == ["app_hard_cap"]


BUNDLE: dict[str, Any] = {
    "slug": "yuna",
    "display_name": "Yuna",
    "voice_samples": [{"scenario_tag": "hello", "sample_role": "anchor", "text": "Hey you"}] * 3,
    "world_model_seed": [{"claim": "lives in Busan"}, {"claim": "works at a cafe"}],
    "relationship_seed": {"stage": "strangers"},
}


@pytest.fixture
def images(
    loreos_settings: LoreosSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[str]:
    with image_server(tmp_path) as (url, certificate):
        monkeypatch.setattr(loreos_settings, "allow_private_asset_urls", True)
        monkeypatch.setattr(loreos_settings, "asset_fetch_ca_file", certificate)
        yield url


async def test_an_import_is_staged_previewed_and_committed_once(
    api: Rest | GraphQL, database: Database, images: str
) -> None:
    key = await app_key(database)
    body = {"character": BUNDLE, "identity_image": {"source_url": images + "/face.png"}}
    staged = (await api.call("createImport", key, input=body)).data
    assert (staged["mode"], staged["status"], staged["phase"]) == (
        "authoring_only",
        "ready",
        "ready",
    )
    assert staged["commit"] is None and staged["extraction_summary"] == {"errors": []}
    import_id = staged["import_id"]
    assert (await api.call("getCharacter", key, slug="yuna")).status == 404  # nothing stored yet

    preview = (await api.call("importPreview", key, import_id=import_id)).data
    assert preview["version_action"] == "create"
    assert preview["staged"]["voice_samples"] == 3 and preview["staged"]["world_model_claims"] == 2
    assert preview["authoring_readiness"]["score"] > 0

    committed = (await api.call("commitImport", key, import_id=import_id)).data
    commit = committed["commit"]
    assert committed["status"] == "committed" and commit["session_id"] is None
    assert (commit["slug"], commit["version_number"]) == ("yuna", 1)
    assert commit["identity_image"]["status"] == "ok"
    visual = (await api.call("characterVisualReadiness", key, slug="yuna")).data
    assert visual["active_identity_asset_key"] == "identity"
    again = (await api.call("commitImport", key, import_id=import_id)).data
    assert again["commit"] == commit
    status = (await api.call("importStatus", key, import_id=import_id)).data
    assert status["completed_checkpoints"] == ["validated", "staged", "committed"]
    unchanged = (await api.call("createImport", key, input={"character": BUNDLE})).data
    action = await api.call("importPreview", key, import_id=unchanged["import_id"])
    assert action.data["version_action"] == "unchanged"

    other = await app_key(database, "Other")
    for operation in ("importStatus", "importPreview", "commitImport"):
        foreign = await api.call(operation, other, import_id=import_id)
        assert (foreign.status, foreign.code) == (404, "import_not_found")


async def test_a_failed_identity_image_does_not_undo_the_character(
    api: Rest | GraphQL, database: Database, images: str
) -> None:
    key = await app_key(database)
    body = {"character": BUNDLE, "identity_image": {"source_url": images + "/anim.gif"}}
    staged = (await api.call("createImport", key, input=body)).data
    committed = (await api.call("commitImport", key, import_id=staged["import_id"])).data
    assert committed["commit"]["identity_image"]["code"] == "image_rejected"
    assert (await api.call("getCharacter", key, slug="yuna")).status == 200


async def test_bad_imports_are_refused(api: Rest | GraphQL, database: Database) -> None:
    key = await app_key(database)
    other = await app_key(database, "Other")
    await character(api, other, slug="taken")
    for body, expected in (
        ({"character": BUNDLE, "mode": "hybrid"}, (422, "import_mode_unsupported")),
        ({"character": BUNDLE, "mode": "nope"}, (422, "validation_error")),
        ({"character": BUNDLE, "transcript": {"turns": []}}, (422, "validation_error")),
        ({"character": BUNDLE, "extraction_mode": "later"}, (422, "validation_error")),
        ({"character": {"slug": "x"}}, (422, "validation_error")),
        (
            {"character": BUNDLE, "identity_image": {"source_url": "http://example.com/a.png"}},
            (422, "validation_error"),
        ),
        ({"character": {**BUNDLE, "slug": "taken"}}, (409, "character_slug_taken")),
    ):
        refused = await api.call("createImport", key, input=body)
        assert (refused.status, refused.code) == expected, body
    missing = await api.call("importStatus", key, import_id="imp_nope")
    assert (missing.status, missing.code) == (404, "import_not_found")
