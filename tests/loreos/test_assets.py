"""Visual assets: images uploaded (multipart, over REST) or fetched once from a direct https
URL on a real server on loopback, sniffed from their bytes, stored under the data directory;
identity first; the SSRF guard; bulk registration with per-item status; visual readiness and
feature status. Another app's character is not found."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.db import Database
from schema.loreos.settings import LoreosSettings

from .api import GraphQL, Rest
from .helpers import app_key, character
from .images import GIF, JPEG, PNG, WEBP, image_server

READY_CONTENT: dict[str, Any] = {
    "profile": {"identity_anchors": {"hair": "black bob"}},
    "behavioral_thresholds": {
        "image_proactivity": 0.4,
        "selfie_comfort": 0.7,
        "daily_image_cap": 3,
    },
}


@pytest.fixture
def images(
    loreos_settings: LoreosSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[str]:
    with image_server(tmp_path) as (url, certificate):
        monkeypatch.setattr(loreos_settings, "allow_private_asset_urls", True)
        monkeypatch.setattr(loreos_settings, "asset_fetch_ca_file", certificate)
        yield url


async def upload(
    client: httpx.AsyncClient, key: str, slug: str, data: bytes, **fields: str
) -> httpx.Response:
    form = {"asset_key": "face", "category": "identity", "label": "Face", **fields}
    return await client.post(
        f"/v1/characters/{slug}/visual-assets",
        data=form,
        files={"file": ("image.bin", data, "application/octet-stream")},
        headers={"Authorization": f"Bearer {key}"},
    )


def stored(settings: LoreosSettings, asset_id: str) -> list[Path]:
    """The files kept for an asset, wherever they are under the data directory."""
    return sorted(Path(settings.data_dir).rglob(f"{asset_id}.*"))


def code(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json()["detail"]["code"]


async def test_uploads_are_sniffed_identity_first_and_stored_under_the_data_dir(
    client: httpx.AsyncClient, database: Database, loreos_settings: LoreosSettings
) -> None:
    key = await app_key(database)
    await character(Rest(client), key)
    coat = {"asset_key": "coat", "category": "wardrobe", "label": "Coat"}
    assert code(await upload(client, key, "mina", JPEG, **coat)) == (409, "identity_asset_required")
    for data in (GIF, b"not an image at all", b""):
        assert code(await upload(client, key, "mina", data)) == (422, "image_rejected")
    bad = await upload(client, key, "mina", PNG, category="selfie")
    assert code(bad) == (422, "invalid_category")

    face = await upload(client, key, "mina", PNG, visual_summary="front, smiling")
    assert face.status_code == 200, face.text
    asset = face.json()["data"]
    assert (asset["status"], asset["promotion"]) == ("active", "approved_anchor")
    assert (asset["content_type"], asset["size_bytes"]) == ("image/png", len(PNG))
    assert [p.read_bytes() for p in stored(loreos_settings, asset["asset_id"])] == [PNG]

    worn = (await upload(client, key, "mina", WEBP, **coat)).json()["data"]
    assert (worn["status"], worn["content_type"]) == ("candidate", "image/webp")
    # The same asset key replaces the image, and its file.
    again = (await upload(client, key, "mina", JPEG, **coat)).json()["data"]
    assert again["asset_id"] == worn["asset_id"] and again["content_type"] == "image/jpeg"
    assert [p.suffix for p in stored(loreos_settings, worn["asset_id"])] == [".jpg"]

    other = await app_key(database, "Other")
    foreign = await upload(client, other, "mina", PNG)
    assert code(foreign) == (404, "character_not_found")
    missing = await client.post(
        "/v1/characters/mina/visual-assets",
        data={"asset_key": "x", "category": "identity", "label": "x"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert code(missing) == (422, "image_rejected")


async def test_an_image_too_large_is_413(
    client: httpx.AsyncClient,
    database: Database,
    loreos_settings: LoreosSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(loreos_settings, "max_asset_bytes", 64)
    key = await app_key(database)
    await character(Rest(client), key)
    assert code(await upload(client, key, "mina", PNG + b"\x00" * 64)) == (413, "image_too_large")


async def test_register_url_fetches_once_over_https(
    api: Rest | GraphQL, database: Database, images: str
) -> None:
    key = await app_key(database)
    await character(api, key)

    async def register(path: str, **body: Any) -> Any:
        values = {"asset_key": "face", "category": "identity", "label": "Face", **body}
        values.setdefault("source_url", images + path)
        return await api.call("registerVisualAssetUrl", key, slug="mina", input=values)

    early = await register("/coat.jpg", asset_key="coat", category="wardrobe")
    assert (early.status, early.code) == (409, "identity_asset_required")
    face = await register("/face.png", provenance="studio", license="CC0")
    assert face.status == 200
    assert face.data["source"] == "url" and face.data["source_url"] == images + "/face.png"
    assert (face.data["status"], face.data["license"]) == ("active", "CC0")
    for path, expected in (
        ("/anim.gif", (422, "image_rejected")),
        ("/missing.png", (422, "image_fetch_failed")),
        ("/moved.png", (422, "image_fetch_failed")),
    ):
        refused = await register(path, asset_key="x")
        assert (refused.status, refused.code) == expected, path
    plain = await register("", source_url=images.replace("https", "http") + "/face.png")
    assert (plain.status, plain.code) == (422, "validation_error")


async def test_the_ssrf_guard_refuses_internal_and_non_https_targets(
    api: Rest | GraphQL, database: Database
) -> None:
    key = await app_key(database)
    await character(api, key)
    for url in (
        "https://127.0.0.1/face.png",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/x.png",
        "https://10.1.2.3/x.png",
        "http://example.com/x.png",
        "file:///etc/passwd",
        "https://user@example.com/x.png",
    ):
        body = {"source_url": url, "asset_key": "face", "category": "identity", "label": "F"}
        refused = await api.call("registerVisualAssetUrl", key, slug="mina", input=body)
        assert (refused.status, refused.code) == (422, "validation_error"), url


async def test_bulk_register_takes_identity_first_and_reports_each(
    api: Rest | GraphQL, database: Database, images: str
) -> None:
    key = await app_key(database)
    await character(api, key, **READY_CONTENT)
    assets = [
        {
            "source_url": images + "/coat.jpg",
            "asset_key": "coat",
            "category": "wardrobe",
            "label": "C",
        },
        {"source_url": images + "/anim.gif", "asset_key": "gif", "category": "prop", "label": "G"},
        {
            "source_url": images + "/face.png",
            "asset_key": "face",
            "category": "identity",
            "label": "F",
        },
    ]
    found = (
        await api.call("bulkRegisterVisualAssetUrls", key, slug="mina", input={"assets": assets})
    ).data
    assert (found["succeeded"], found["failed"]) == (2, 1)
    assert [(r["asset_key"], r["status"]) for r in found["results"]] == [
        ("face", "ok"),
        ("coat", "ok"),
        ("gif", "error"),
    ]
    assert found["results"][2]["error"]["code"] == "image_rejected"
    too_many = {"assets": [assets[0]] * 21}
    refused = await api.call("bulkRegisterVisualAssetUrls", key, slug="mina", input=too_many)
    assert (refused.status, refused.code) == (422, "validation_error")

    ready = (await api.call("characterVisualReadiness", key, slug="mina")).data
    assert (ready["status"], ready["ready"], ready["active_identity_asset_key"]) == (
        "ready",
        True,
        "face",
    )
    assert sorted(a["asset_key"] for a in ready["assets"]) == ["coat", "face"]
    features = (await api.call("characterFeatureStatus", key, slug="mina")).data
    by_name = {f["feature"]: f["status"] for f in features["features"]}
    assert by_name == {
        "replies": "active",
        "proactive_messages": "paused",
        "visual_identity": "active",
        "webhook_push": "paused",
    }


async def test_visual_readiness_and_feature_status_of_a_bare_character(
    api: Rest | GraphQL, database: Database
) -> None:
    key = await app_key(database)
    await character(api, key, profile={"identity_anchors": "a string, not an object"})
    opened = {"character": "mina", "external_user_ref": "u1", "proactive_enabled": True}
    assert (await api.call("createSession", key, input=opened)).status == 200
    ready = (await api.call("characterVisualReadiness", key, slug="mina")).data
    assert (ready["status"], ready["ready"]) == ("needs_work", False)
    assert [c["passed"] for c in ready["checks"]] == [False] * 5
    features = (await api.call("characterFeatureStatus", key, slug="mina")).data
    assert features["proactive_enabled"] is True
    assert {f["feature"]: f["status"] for f in features["features"]}["visual_identity"] == "paused"
    other = await app_key(database, "Other")
    for operation in ("characterVisualReadiness", "characterFeatureStatus"):
        foreign = await api.call(operation, other, slug="mina")
        assert (foreign.status, foreign.code) == (404, "character_not_found")


async def test_uploads_need_a_multipart_form_over_graphql_too(
    api: Rest | GraphQL, database: Database
) -> None:
    key = await app_key(database)
    await character(api, key)
    body = {"asset_key": "face", "category": "identity", "label": "Face"}
    refused = await api.call("uploadVisualAsset", key, slug="mina", input=body)
    assert (refused.status, refused.code) == (422, "image_rejected")


UPLOAD = """mutation ($input: UploadAssetInput!) {
  upload_visual_asset(slug: "mina", input: $input) {
    asset_id asset_key content_type size_bytes status
  }
}"""


async def test_graphql_takes_an_image_as_a_multipart_request(
    client: httpx.AsyncClient, database: Database, loreos_settings: LoreosSettings
) -> None:
    key = await app_key(database)
    await character(Rest(client), key)
    variables = {
        "input": {"asset_key": "face", "category": "identity", "label": "Face", "file": None}
    }

    async def send(data: bytes) -> dict[str, Any]:
        response = await client.post(
            "/graphql",
            data={
                "operations": json.dumps({"query": UPLOAD, "variables": variables}),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": ("face.png", data, "application/octet-stream")},
            headers={"Authorization": f"Bearer {key}"},
        )
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    asset = (await send(PNG))["data"]["upload_visual_asset"]
    assert [p.read_bytes() for p in stored(loreos_settings, asset.pop("asset_id"))] == [PNG]
    assert asset == {
        "asset_key": "face",
        "content_type": "image/png",
        "size_bytes": len(PNG),
        "status": "active",
    }
    refused = await send(GIF)
    assert refused["errors"][0]["extensions"]["reason"] == "image_rejected"


async def test_an_image_is_served_back_as_stored(
    api: Rest | GraphQL, client: httpx.AsyncClient, database: Database, images: str
) -> None:
    key = await app_key(database)
    await character(api, key)
    body = {"source_url": images + "/face.png", "asset_key": "face", "category": "identity"}
    asset = (
        await api.call("registerVisualAssetUrl", key, slug="mina", input={**body, "label": "F"})
    ).data
    assert asset["url"] == "/v1/characters/mina/visual-assets/face/image"
    served = await client.get(asset["url"], headers={"Authorization": f"Bearer {key}"})
    assert (served.status_code, served.headers["content-type"]) == (200, "image/png")
    assert served.content == PNG
    found = await api.call("visualAssetImage", key, slug="mina", asset_key="face")
    if isinstance(api, GraphQL):
        assert base64.b64decode(found.data["content_base64"]) == PNG
        assert found.data["content_type"] == "image/png"
    else:
        assert found.data == PNG
    missing = await api.call("visualAssetImage", key, slug="mina", asset_key="nope")
    assert (missing.status, missing.code) == (404, "visual_asset_not_found")
    other = await app_key(database, "Other")
    foreign = await api.call("visualAssetImage", other, slug="mina", asset_key="face")
    assert (foreign.status, foreign.code) == (404, "character_not_found")
