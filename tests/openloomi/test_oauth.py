"""OAuth2 flows against an authorization server the tests run on loopback: connecting Slack,
Discord and X (PKCE) accounts through the start, the provider's redirect and the callback or
exchange, and signing in with GitHub or Google; states are spent once, the tokens sealed and
never answered."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import select

from app.db import Database
from schema.openloomi.models import IntegrationAccount
from schema.openloomi.service.sealed import unseal
from schema.openloomi.settings import OAuthProvider, OpenloomiSettings

from .api import Api, register
from .oauth_provider import CLIENT_ID, CLIENT_SECRET, Provider, oauth_provider
from .test_auth import claims_of

BASE = "http://test/openloomi"


@pytest.fixture
def provider(openloomi_settings: OpenloomiSettings) -> Iterator[Provider]:
    kept = openloomi_settings.oauth, openloomi_settings.public_url
    with oauth_provider() as running:
        openloomi_settings.oauth = {
            name: OAuthProvider(
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                authorize_url=f"{running.url}/authorize",
                token_url=f"{running.url}/{'slack/' if name == 'slack' else ''}token",
                userinfo_url=None if name == "slack" else f"{running.url}/userinfo",
                pkce=name == "x",
            )
            for name in ("slack", "discord", "x", "github", "google")
        }
        openloomi_settings.public_url = BASE
        try:
            yield running
        finally:
            openloomi_settings.oauth, openloomi_settings.public_url = kept


async def authorize(url: str) -> tuple[str, str, str]:
    """What a browser does at the provider: the callback path, code and state it is sent to."""
    async with httpx.AsyncClient() as browser:
        answer = await browser.get(url)
    assert answer.status_code == 302
    target = urlsplit(answer.headers["location"])
    query = parse_qs(target.query)
    assert f"{target.scheme}://{target.netloc}{target.path}".startswith(BASE)
    return target.path.removeprefix("/openloomi"), query["code"][0], query["state"][0]


@pytest.mark.usefixtures("provider")
@pytest.mark.parametrize("name", ["slack", "discord", "x"])
async def test_connect_through_the_callback(
    api: Api,
    client: httpx.AsyncClient,
    database: Database,
    name: str,
    openloomi_settings: OpenloomiSettings,
) -> None:
    token = await register(api)
    user_id = claims_of(token)["sub"]
    started = await api.call(f"{name}OAuthStart", token=token, userId=user_id)
    url = started.data["authorizationUrl"]
    assert started.data["state"] in url and f"client_id={CLIENT_ID}" in url
    assert ("code_challenge=" in url) == (name == "x")
    path, code, state = await authorize(url)
    page = await client.get(path, params={"code": code, "state": state})
    assert page.status_code == 200 and "connected" in page.text
    assert page.headers["content-type"].startswith("text/html")
    again = await client.get(path, params={"code": code, "state": state})
    assert again.json() == {"error": "Invalid or expired state parameter"}
    [account] = (await api.call("listAccounts", token=token)).data["accounts"]
    platform = {"slack": "slack", "discord": "discord", "x": "twitter"}[name]
    assert account["platform"] == platform
    assert account["displayName"] == ("Acme" if name == "slack" else "alice42")
    async with database.session() as session:
        row = (await session.execute(select(IntegrationAccount))).scalars().one()
    sealed = unseal(openloomi_settings, row.credentials_encrypted)
    assert sealed["access_token"] and sealed["access_token"] not in row.credentials_encrypted


@pytest.mark.parametrize("name", ["slack", "discord"])
async def test_connect_through_the_exchange(api: Api, provider: Provider, name: str) -> None:
    token = await register(api)
    started = await api.call(f"{name}OAuthStart", token=token, userId=claims_of(token)["sub"])
    _, code, state = await authorize(started.data["authorizationUrl"])
    bad = await api.call(f"{name}OAuthExchange", input={"code": "nope", "state": state})
    assert (bad.status, bad.error) == (400, "Bad code")
    started = await api.call(f"{name}OAuthStart", token=token, userId=claims_of(token)["sub"])
    _, code, state = await authorize(started.data["authorizationUrl"])
    done = await api.call(f"{name}OAuthExchange", input={"code": code, "state": state})
    assert done.data["success"] is True and "accessToken" not in done.data
    assert done.data["platform"] == name
    missing = await api.call(f"{name}OAuthExchange", input={"code": code})
    assert (missing.status, missing.error) == (400, "Missing required parameters: code and state")


@pytest.mark.usefixtures("provider")
async def test_the_start_needs_the_callers_own_user_id(api: Api) -> None:
    token = await register(api)
    for user_id in (None, "local", "someone-else"):
        refused = await api.call("slackOAuthStart", token=token, userId=user_id)
        assert (refused.status, refused.error) == (
            400,
            "Invalid or missing userId. Please log in again.",
        )
    assert (await api.call("slackOAuthStart", userId="x")).status == 401


async def test_an_unconfigured_provider_says_so(api: Api) -> None:
    token = await register(api)
    outcome = await api.call("slackOAuthStart", token=token, userId=claims_of(token)["sub"])
    assert (outcome.status, outcome.error) == (501, "Slack OAuth is not configured")


@pytest.mark.usefixtures("provider")
@pytest.mark.parametrize("name", ["github", "google"])
async def test_sign_in_and_poll(api: Api, client: httpx.AsyncClient, name: str) -> None:
    started = (await api.call(f"{name}SignIn")).data
    pending = (await api.call(f"{name}Poll", sessionId=started["sessionId"])).data
    assert (pending["status"], pending["token"]) == ("pending", None)
    path, code, state = await authorize(started["url"])
    assert path == f"/api/auth/callback/{name}"
    assert "Signed in" in (await client.get(path, params={"code": code, "state": state})).text
    done = (await api.call(f"{name}Poll", sessionId=started["sessionId"])).data
    assert done["status"] == "completed" and done["user"]["email"] == "alice@corp.test"
    me = await api.call("remoteUser", token=done["token"])
    assert me.data["name"] == "Alice"
    unknown = await api.call(f"{name}Poll", sessionId="nope")
    assert (unknown.status, unknown.error) == (404, "Session not found")


@pytest.mark.usefixtures("provider")
async def test_sign_in_exchange_finds_the_registered_user(api: Api) -> None:
    token = await register(api, "alice@corp.test")
    started = (await api.call("googleSignInUrl")).data
    _, code, state = await authorize(started["url"])
    signed = (await api.call("googleSignInExchange", input={"code": code, "state": state})).data
    assert signed["user"]["id"] == claims_of(token)["sub"]


@pytest.mark.usefixtures("provider")
async def test_a_denied_authorization_is_recorded(api: Api, client: httpx.AsyncClient) -> None:
    started = (await api.call("githubSignIn")).data
    page = await client.get(
        "/api/auth/callback/github", params={"state": started["state"], "error": "access_denied"}
    )
    assert "cancelled" in page.text
    polled = (await api.call("githubPoll", sessionId=started["sessionId"])).data
    assert (polled["status"], polled["error"]) == ("error", "access_denied")
