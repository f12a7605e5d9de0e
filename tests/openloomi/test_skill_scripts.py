"""The skill scripts' contract, end to end: `facet openloomi login` writes the token file, then
`facet serve --domain openloomi` runs in a process of its own and a client sends what the
memory and connectors scripts send, reading the fields they read."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.db import Database
from app.settings import Settings
from schema.openloomi.settings import OpenloomiSettings

from ..live import ROOT, facet_serve
from .imap import imap_server
from .skill_client import SkillClient

EMAIL, PASSWORD = "skills@example.com", "skills123"
APP_PASSWORD = "abcdabcdabcdabcd"


def login(
    home: Path, env: dict[str, str], password: str = PASSWORD
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from app.cli import main; main()", "openloomi", "login"]
    return subprocess.run(
        [*command, "--email", EMAIL, "--password", password],
        cwd=ROOT,
        env={**_base_env(), **env, "HOME": str(home), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("FACET_")}


@pytest.fixture
def env(settings: Settings, openloomi_settings: OpenloomiSettings) -> Iterator[dict[str, str]]:
    """What the login command and the server share: the database and the data directory (so
    the signing secret), a Slack client, and a mail server that knows the app password."""
    with imap_server(EMAIL, APP_PASSWORD) as imap:
        yield {
            "FACET_DATABASE_URL": settings.database_url,
            "FACET_OPENLOOMI_DATA_DIR": openloomi_settings.data_dir,
            "FACET_OPENLOOMI_GMAIL_IMAP_URL": imap,
            "FACET_OPENLOOMI_OAUTH": json.dumps(
                {"slack": {"client_id": "cid", "client_secret": "s"}}
            ),
        }


async def test_login_writes_the_token_file(
    database: Database, tmp_path: Path, env: dict[str, str]
) -> None:
    first = login(tmp_path, env)
    assert first.returncode == 0, first.stderr
    assert "registered and logged in" in first.stdout
    token_file = tmp_path / ".openloomi" / "token"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    token = base64.b64decode(token_file.read_text()).decode()
    assert token.count(".") == 2 and token.startswith("eyJ")
    again = login(tmp_path, env)
    assert again.returncode == 0 and "logged in as skills@example.com" in again.stdout
    wrong = login(tmp_path, env, password="wrong1234")
    assert wrong.returncode == 1 and "Invalid email or password" in wrong.stderr


async def test_the_scripts_calls_against_the_standalone_server(
    database: Database, tmp_path: Path, env: dict[str, str], settings: Settings
) -> None:
    assert login(tmp_path, env).returncode == 0
    with facet_serve("--domain", "openloomi", database_url=settings.database_url, **env) as base:
        skills = SkillClient(base, tmp_path)
        await _memory_commands(skills)
        await _connector_commands(skills)
        (tmp_path / ".openloomi" / "token").unlink()
        assert await skills.request("/api/integrations/accounts") == {"error": "Unauthorized"}


async def _memory_commands(skills: SkillClient) -> None:
    added = await skills.request(
        "/api/insights",
        "POST",
        {
            "title": "Quarterly plan",
            "description": "Draft the Q3 plan",
            "importance": "Important",
            "urgency": "Within 24 hours",
            "groups": ["gmail", "team"],
            "categories": ["work"],
            "people": ["Ann"],
        },
    )
    assert added["message"] == "Insight created successfully"
    listed = await skills.request("/api/insights?days=7&limit=50")
    by_channel = [i for i in listed["items"] if "gmail" in i["groups"] or i["platform"] == "gmail"]
    assert [i["id"] for i in by_channel] == [added["id"]]
    fetched = await skills.request(f"/api/insights/{added['id']}?fetch=true")
    assert fetched["insight"]["urgency"] == "24h"
    updates: dict[str, Any] = {
        "title": "Q3 plan",
        "myTasks": [{"text": "outline", "completed": True}],
        "details": [{"content": "Ann joins"}],
        "timeline": [{"summary": "drafted", "label": "draft"}],
    }
    updated = await skills.request(f"/api/insights/{added['id']}", "PUT", {"updates": updates})
    assert updated == {"message": "Insight updated successfully", "id": added["id"]}
    assert (await skills.request("/api/insights/all"))["failed"] == 0
    deleted = await skills.request(f"/api/insights/{added['id']}", "DELETE")
    assert deleted == {"message": "Insights deleted successfully"}


async def _connector_commands(skills: SkillClient) -> None:
    assert await skills.request("/api/integrations/accounts") == {"accounts": []}
    checked = await skills.request(
        "/api/google/validate", "POST", {"email": EMAIL, "appPassword": APP_PASSWORD}
    )
    assert "error" not in checked
    name = checked["name"]
    gmail = await skills.request(
        "/api/integrations",
        "POST",
        {
            "platform": "gmail",
            "externalId": EMAIL,
            "displayName": name,
            "credentials": {"email": EMAIL, "appPassword": APP_PASSWORD},
            "metadata": {"email": EMAIL, "name": name},
            "bot": {
                "name": f"Gmail · {name}",
                "description": "Automatically created through gmail authorization",
                "adapter": "gmail",
                "enable": True,
            },
        },
    )
    dingtalk = await skills.request(
        "/api/integrations",
        "POST",
        {
            "platform": "dingtalk",
            "externalId": "client-1",
            "displayName": "DingTalk",
            "credentials": {"clientId": "client-1", "clientSecret": "secret"},
            "metadata": {"name": "DingTalk"},
            "bot": {
                "name": "dingtalk · DingTalk",
                "description": "Automatically created through dingtalk authorization",
                "adapter": "dingtalk",
                "enable": True,
            },
        },
    )
    accounts = (await skills.request("/api/integrations/accounts"))["accounts"]
    status = [
        {
            "id": a["id"],
            "displayName": a["displayName"],
            "status": a["status"],
            "connectedAt": a["createdAt"],
        }
        for a in accounts
        if a["platform"] == "dingtalk"
    ]
    assert [s["id"] for s in status] == [dingtalk["account"]["id"]] and status[0]["connectedAt"]
    started = await skills.request(f"/api/integrations/slack/oauth/start?userId={skills.user_id()}")
    assert started["authorizationUrl"].startswith("https://slack.com/oauth/v2/authorize")
    assert started["state"]
    contacts = await skills.request("/api/contacts?page=1&pageSize=10")
    assert contacts["success"] is True and contacts["pagination"]["page"] == 1
    bot = gmail["account"]["botId"]
    sent = await skills.request(
        "/api/messages",
        "POST",
        {"botId": bot, "recipients": ["ann@example.com"], "message": "Hello!", "subject": "Hi"},
    )
    assert sent["success"] is False and sent["skipped"] is True
    gone = await skills.request(f"/api/integrations/{dingtalk['account']['id']}", "DELETE")
    assert gone["success"] is True and gone["deletedAccountId"] == dingtalk["account"]["id"]
