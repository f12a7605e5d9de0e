"""Connected accounts, app-password checks against a loopback IMAP server, contacts and sent
messages, on both transports; credentials are stored encrypted and never answered; another
user's account or bot is 404."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from app.clock import utcnow
from app.db import Database
from schema.openloomi.models import Contact, IntegrationAccount, OutgoingMessage, new_id
from schema.openloomi.service.sealed import unseal
from schema.openloomi.settings import OpenloomiSettings

from .api import Api, register
from .imap import imap_server

GMAIL = {
    "platform": "gmail",
    "externalId": "al@gmail.com",
    "displayName": "al",
    "credentials": {"email": "al@gmail.com", "appPassword": "abcdabcdabcdabcd"},
    "metadata": {"email": "al@gmail.com", "name": "al"},
    "bot": {
        "name": "Gmail · al",
        "description": "Automatically created through gmail authorization",
        "adapter": "gmail",
        "enable": True,
    },
}


async def connect(api: Api, token: str, body: dict[str, Any] = GMAIL) -> dict[str, Any]:
    created = await api.call("connectAccount", token=token, input=body)
    assert created.status == 201, created
    return dict(created.data["account"])


async def test_connect_list_change_disconnect(
    api: Api, database: Database, openloomi_settings: OpenloomiSettings
) -> None:
    token = await register(api)
    account = await connect(api, token)
    assert account["platform"] == "gmail" and account["status"] == "active"
    assert account["botId"] and "credentials" not in account
    again = await connect(api, token, {**GMAIL, "displayName": "Al L"})
    assert (again["id"], again["botId"]) == (account["id"], account["botId"])  # an upsert
    [listed] = (await api.call("listAccounts", token=token)).data["accounts"]
    assert listed["displayName"] == "Al L" and listed["createdAt"] and "bot" not in listed
    [full] = (await api.call("listIntegrations", token=token)).data["accounts"]
    assert full["bot"]["name"] == "Gmail · al" and full["bot"]["enable"] is True
    async with database.session() as session:
        stored = (await session.execute(select(IntegrationAccount))).scalars().one()
    assert "abcdabcd" not in stored.credentials_encrypted
    assert unseal(openloomi_settings, stored.credentials_encrypted) == GMAIL["credentials"]
    changed = await api.call(
        "changeAccount", token=token, accountId=account["id"], input={"status": "paused"}
    )
    assert changed.data["status"] == "paused"
    one = await api.call("getAccount", token=token, accountId=account["id"])
    assert one.data["status"] == "paused" and one.data["bot"]["adapter"] == "gmail"
    gone = await api.call("disconnectAccount", token=token, accountId=account["id"])
    assert gone.data == {
        "success": True,
        "deletedAccountId": account["id"],
        "deletedBotIds": [account["botId"]],
    }
    assert (await api.call("listAccounts", token=token)).data == {"accounts": []}
    missing = await api.call("disconnectAccount", token=token, accountId=account["id"])
    assert (missing.status, missing.error) == (404, "Integration account not found")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"platform": "myspace"}, "platform"),
        ({"externalId": ""}, "externalId"),
        ({"credentials": None}, "credentials"),
        ({"bot": {"name": "b"}}, "bot"),
    ],
)
async def test_bad_accounts(api: Api, change: dict[str, Any], field: str) -> None:
    token = await register(api)
    outcome = await api.call("connectAccount", token=token, input={**GMAIL, **change})
    if api.name == "rest":
        assert outcome.status == 400 and field in str(outcome.error)
    else:
        assert outcome.status == 422


@pytest.fixture
def gmail_server(openloomi_settings: OpenloomiSettings) -> Iterator[None]:
    kept = openloomi_settings.gmail_imap_url, openloomi_settings.outlook_imap_url
    with imap_server("al@gmail.com", "abcdabcdabcdabcd") as url:
        openloomi_settings.gmail_imap_url = openloomi_settings.outlook_imap_url = url
        try:
            yield
        finally:
            openloomi_settings.gmail_imap_url, openloomi_settings.outlook_imap_url = kept


@pytest.mark.usefixtures("gmail_server")
async def test_app_passwords_are_checked_by_imap(api: Api) -> None:
    token = await register(api)
    right = {"email": "al@gmail.com", "appPassword": "abcdabcdabcdabcd"}
    assert (await api.call("validateGmail", token=token, input=right)).data == {
        "success": True,
        "name": "al",
    }
    wrong = await api.call("validateGmail", token=token, input={**right, "appPassword": "x" * 16})
    assert (wrong.status, wrong.error) == (401, "Invalid email or app password")
    if api.name == "rest":
        assert wrong.value["errorCode"] == "GOOGLE_AUTH_INVALID_PASSWORD"
    short = await api.call("validateGmail", token=token, input={**right, "appPassword": "x"})
    assert short.status == (400 if api.name == "rest" else 422)
    outlook = await api.call("validateOutlook", token=token, input=right)
    assert outlook.data["success"] is True
    refused = await api.call("validateOutlook", token=token, input={**right, "appPassword": "n"})
    assert refused.status == 401


async def test_an_unreachable_mail_server_is_503(
    api: Api, openloomi_settings: OpenloomiSettings
) -> None:
    token = await register(api)
    kept = openloomi_settings.gmail_imap_url
    openloomi_settings.gmail_imap_url = "imap://127.0.0.1:9"  # nothing listens there
    try:
        outcome = await api.call(
            "validateGmail",
            token=token,
            input={"email": "al@gmail.com", "appPassword": "abcdabcdabcdabcd"},
        )
    finally:
        openloomi_settings.gmail_imap_url = kept
    assert outcome.status == 503
    if api.name == "rest":
        assert outcome.value["errorCode"] == "GOOGLE_AUTH_NETWORK_ERROR"


async def test_send_message_is_recorded_and_answered_as_skipped(
    api: Api, database: Database
) -> None:
    token = await register(api)
    bot = (await connect(api, token))["botId"]
    body = {
        "botId": bot,
        "recipients": ["x@y.z"],
        "message": "Hi",
        "subject": "S",
        "cc": [],
        "bcc": [],
    }
    sent = (await api.call("sendMessage", token=token, input=body)).data
    assert (sent["success"], sent["skipped"], sent["recipients"]) == (False, True, ["x@y.z"])
    async with database.session() as session:
        kept = (await session.execute(select(OutgoingMessage))).scalars().one()
    assert (kept.message, kept.status) == ("Hi", "undelivered")
    for bad, message in [
        ({**body, "botId": None}, "Bot ID is required"),
        ({**body, "recipients": []}, "At least one recipient is required"),
        ({**body, "message": " "}, "Message content is required"),
    ]:
        outcome = await api.call("sendMessage", token=token, input=bad)
        assert (outcome.status, outcome.error) == (400, message)


async def test_contacts(api: Api, database: Database) -> None:
    token = await register(api)
    user_id = (await api.call("remoteUser", token=token)).data["id"]
    async with database.session() as session, session.begin():
        for name in ("Ann", "Bob", "Annika"):
            session.add(Contact(id=new_id(), user_id=user_id, name=name, created_at=utcnow()))
    page = (await api.call("queryContacts", token=token, name="ann", page=1, pageSize=1)).data
    assert [c["name"] for c in page["contacts"]] == ["Ann"]
    assert page["pagination"] == {
        "page": 1,
        "pageSize": 1,
        "totalCount": 2,
        "totalPages": 2,
        "hasMore": True,
        "hasPrevious": False,
    }
    other = await register(api, "bob@example.com")
    assert (await api.call("queryContacts", token=other)).data["contacts"] == []


async def test_another_users_account_and_bot_are_not_found(api: Api) -> None:
    alice = await register(api)
    bob = await register(api, "bob@example.com")
    account = await connect(api, alice)
    for operation, more in [
        ("getAccount", {}),
        ("changeAccount", {"input": {"status": "paused"}}),
        ("disconnectAccount", {}),
    ]:
        outcome = await api.call(operation, token=bob, accountId=account["id"], **more)
        assert (outcome.status, outcome.error) == (404, "Integration account not found")
    assert (await api.call("listAccounts", token=bob)).data == {"accounts": []}
    body = {"botId": account["botId"], "recipients": ["x"], "message": "hi"}
    stolen = await api.call("sendMessage", token=bob, input=body)
    assert (stolen.status, stolen.error) == (404, "Bot not found")
    assert (await api.call("getAccount", token=alice, accountId=account["id"])).status == 200
