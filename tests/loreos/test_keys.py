"""Keys resolve to one app: a missing key is 401 and an invalid or revoked one 403, both with a
plain-string detail; an expired key is 403 api_key_expired. Sandbox keys need no auth; an
operator creates an app with `facet loreos create-app`. Sandbox keys are limited per client
address; a key is rotated by its prefix."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from app.clock import utcnow
from app.db import Database
from schema.loreos.models import ApiKey
from schema.loreos.service import apps
from schema.loreos.settings import LoreosSettings

from .api import GraphQL, Rest
from .helpers import app_key, sandbox_key


async def test_a_sandbox_key_reads_its_own_app(api: Rest | GraphQL) -> None:
    issued = await api.call("demoSandboxKey")
    assert issued.data["limits"] == {
        "characters": 3,
        "sessions": 5,
        "messages": 60,
        "message_chars": 1200,
        "credit_limit": 100.0,
    }
    me = await api.call("me", issued.data["api_key"])
    assert me.data["app_id"] == issued.data["app_id"]
    assert me.data["key_kind"] == "demo"
    assert me.data["key_prefix"] == issued.data["key_prefix"]


async def test_keys_are_stored_hashed(api: Rest | GraphQL, database: Database) -> None:
    key = await sandbox_key(api)
    async with database.session() as session:
        stored = (await session.scalars(select(ApiKey))).all()
    assert [row.key_hash for row in stored] != [key]
    assert all(key not in (row.key_hash, row.prefix) for row in stored)


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Basic abc"],
)
async def test_a_missing_key_is_401_and_a_malformed_one_403(
    client: httpx.AsyncClient, header: str | None
) -> None:
    headers = {"Authorization": header} if header is not None else {}
    response = await client.get("/v1/me", headers=headers)
    expected = 401 if not header else 403
    assert response.status_code == expected
    assert isinstance(response.json()["detail"], str)


async def test_an_unknown_or_tampered_key_is_403_with_a_plain_detail(
    api: Rest | GraphQL,
) -> None:
    key = await sandbox_key(api)
    for wrong in ("lk_nope", key[:-1] + ("0" if key[-1] != "0" else "1"), "x" * 500):
        outcome = await api.call("me", wrong)
        assert (outcome.status, outcome.code) == (403, "plain")


async def test_a_revoked_key_is_403_and_an_expired_one_api_key_expired(
    api: Rest | GraphQL, database: Database
) -> None:
    revoked, expired = await sandbox_key(api), await sandbox_key(api)
    async with database.session() as session, session.begin():
        await session.execute(
            update(ApiKey)
            .where(ApiKey.prefix == revoked.rpartition("_")[0])
            .values(revoked_at=utcnow())
        )
        await session.execute(
            update(ApiKey)
            .where(ApiKey.prefix == expired.rpartition("_")[0])
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert (await api.call("me", revoked)).code == "plain"
    outcome = await api.call("me", expired)
    assert (outcome.status, outcome.code) == (403, "api_key_expired")


async def test_expired_keys_name_their_fix_over_rest(
    client: httpx.AsyncClient, database: Database
) -> None:
    key = await sandbox_key(Rest(client))
    async with database.session() as session, session.begin():
        await session.execute(update(ApiKey).values(expires_at=utcnow() - timedelta(seconds=1)))
    detail = (await client.get("/v1/me", headers={"Authorization": f"Bearer {key}"})).json()
    assert detail["detail"]["code"] == "api_key_expired"
    assert "sandbox-key" in detail["detail"]["fix"]


async def test_sandbox_keys_can_be_turned_off(
    api: Rest | GraphQL, loreos_settings: LoreosSettings
) -> None:
    loreos_settings.demo_sandbox_enabled = False
    try:
        outcome = await api.call("demoSandboxKey")
    finally:
        loreos_settings.demo_sandbox_enabled = True
    assert (outcome.status, outcome.code) == (403, "demo_sandbox_disabled")


async def test_create_app_prints_one_json_line_whose_key_works(
    client: httpx.AsyncClient, database: Database
) -> None:
    environment = {**os.environ, "FACET_DATABASE_URL": database.url}
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "facet"),
        "loreos",
        "create-app",
        "Acme Chat",
        stdout=asyncio.subprocess.PIPE,
        env=environment,
    )
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0
    lines = out.decode().strip().splitlines()
    assert len(lines) == 1
    created = json.loads(lines[0])
    assert set(created) == {"app_id", "api_key"}
    me = await client.get("/v1/me", headers={"Authorization": f"Bearer {created['api_key']}"})
    assert me.json()["data"]["app_id"] == created["app_id"]
    assert me.json()["data"]["key_kind"] == "standard"


async def test_sandbox_keys_are_rate_limited_per_client(
    api: Rest | GraphQL, loreos_settings: LoreosSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loreos_settings, "demo_sandbox_rate_limit", "2/hour")
    await apps.sandbox_limiter("2/hour", None).clear(apps.SANDBOX_LIMIT, "127.0.0.1")
    assert (await api.call("demoSandboxKey")).status == 200
    assert (await api.call("demoSandboxKey")).status == 200
    refused = await api.call("demoSandboxKey")
    assert (refused.status, refused.code) == (429, "demo_sandbox_rate_limited")


async def test_sandbox_refusals_say_when_to_retry(
    client: httpx.AsyncClient, loreos_settings: LoreosSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loreos_settings, "demo_sandbox_rate_limit", "1/hour")
    await apps.sandbox_limiter("1/hour", None).clear(apps.SANDBOX_LIMIT, "127.0.0.1")
    assert (await client.post("/v1/demo/sandbox-key")).status_code == 200
    refused = await client.post("/v1/demo/sandbox-key")
    assert refused.status_code == 429
    assert 3500 <= int(refused.headers["retry-after"]) <= 3600
    assert refused.json()["detail"]["code"] == "demo_sandbox_rate_limited"
    assert "Retry-After" in refused.json()["detail"]["fix"]


async def test_a_key_is_rotated_by_its_prefix(api: Rest | GraphQL, database: Database) -> None:
    old = await app_key(database)
    me = (await api.call("me", old)).data
    kept = await api.call(
        "rotateApiKey",
        old,
        app_id=me["app_id"],
        prefix=me["key_prefix"],
        input={"revoke_old": False},
    )
    assert kept.data["previous_prefix"] == me["key_prefix"] and kept.data["revoked_old"] is False
    assert (await api.call("me", old)).status == 200
    new = kept.data["api_key"]
    assert (await api.call("me", new)).data["key_prefix"] == kept.data["key_prefix"]
    rotated = await api.call("rotateApiKey", new, app_id=me["app_id"], prefix=me["key_prefix"])
    assert rotated.data["revoked_old"] is True
    refused = await api.call("me", old)
    assert (refused.status, refused.code) == (403, "plain")
    again = await api.call("rotateApiKey", new, app_id=me["app_id"], prefix=me["key_prefix"])
    assert (again.status, again.code) == (404, "api_key_not_found")


async def test_keys_of_other_apps_and_demo_keys_cannot_be_rotated(
    api: Rest | GraphQL, database: Database
) -> None:
    mine, theirs = await app_key(database, "Mine"), await app_key(database, "Theirs")
    me = (await api.call("me", mine)).data
    them = (await api.call("me", theirs)).data
    other_app = await api.call(
        "rotateApiKey", mine, app_id=them["app_id"], prefix=them["key_prefix"]
    )
    assert (other_app.status, other_app.code) == (404, "app_not_found")
    other_key = await api.call("rotateApiKey", mine, app_id=me["app_id"], prefix=them["key_prefix"])
    assert (other_key.status, other_key.code) == (404, "api_key_not_found")
    demo = await sandbox_key(api)
    demo_me = (await api.call("me", demo)).data
    refused = await api.call(
        "rotateApiKey", demo, app_id=demo_me["app_id"], prefix=demo_me["key_prefix"]
    )
    assert (refused.status, refused.code) == (403, "demo_key_surface_disabled")
