"""Register, login, the token (a JWT from cookie or Bearer), refresh, the user and the password,
on both transports; cookies and rate limits over REST, where they live."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.auth import tokens
from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings
from schema.openloomi.service import auth
from schema.openloomi.settings import OpenloomiSettings

from .api import PASSWORD, Api, register
from .conftest import openloomi_client


def claims_of(token: str) -> dict[str, Any]:
    """The payload as the seed's curl example reads it: the second part, base64-decoded."""
    part = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))))


async def test_register_login_and_user(api: Api) -> None:
    token = await register(api, "Alice@Example.com")
    claims = claims_of(token)
    assert token.startswith("eyJ") and claims["sub"] == claims["id"] == claims["userId"]
    assert claims["email"] == "alice@example.com"
    login = await api.call(
        "remoteLogin", input={"email": "alice@example.com", "password": PASSWORD}
    )
    user = login.data["user"]
    assert user == {
        "id": claims["id"],
        "email": "alice@example.com",
        "name": "alice",
        "avatarUrl": None,
        "type": "regular",
    }
    me = await api.call("remoteUser", token=login.data["token"])
    assert me.data == {key: user[key] for key in ("id", "email", "name", "avatarUrl")}
    assert (await api.call("userIdentity", token=token)).data == me.data


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"email": "alice@example.com", "password": "wrong1234"}, 400, "Invalid email or password"),
        ({"email": "nobody@example.com", "password": PASSWORD}, 400, "Invalid email or password"),
        ({"email": "alice@example.com"}, 400, "Email and password are required"),
        ({}, 400, "Email and password are required"),
        ({"email": 5, "password": PASSWORD}, 400, "email: Expected string, received number"),
    ],
)
async def test_bad_logins(api: Api, body: dict[str, Any], status: int, message: str) -> None:
    await register(api)
    outcome = await api.call("remoteLogin", input=body)
    if api.name == "graphql" and "Expected" in message:
        assert outcome.status == 422  # GraphQL words a wrong type its own way
        return
    assert (outcome.status, outcome.error) == (status, message)


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"email": "not-an-email", "password": PASSWORD}, 400, "Invalid email format"),
        (
            {"email": "b@example.com", "password": "short1"},
            400,
            "Password does not meet requirements",
        ),
        (
            {"email": "b@example.com", "password": "lettersonly"},
            400,
            "Password does not meet requirements",
        ),
        (
            {"email": "b@example.com", "password": "a1" * 11},
            400,
            "Password does not meet requirements",
        ),
        ({"email": "ALICE@example.com", "password": PASSWORD}, 409, "User already exists"),
    ],
)
async def test_bad_registrations(api: Api, body: dict[str, Any], status: int, message: str) -> None:
    await register(api)
    outcome = await api.call("remoteRegister", input=body)
    assert (outcome.status, outcome.error) == (status, message)


@pytest.mark.parametrize("token", [None, "", "eyJhbGciOiJIUzI1NiJ9.e30.x", "garbage"])
async def test_no_valid_token_is_401(api: Api, token: str | None) -> None:
    outcome = await api.call("remoteUser", token=token)
    assert (outcome.status, outcome.error) == (401, "Unauthorized")


async def test_unauthorized_is_json_over_rest(client: httpx.AsyncClient) -> None:
    for path in ("/api/remote-auth/user", "/api/insights", "/api/user/entitlements"):
        response = await client.get(path)
        assert response.status_code == 401
        assert response.json() == {"error": "Unauthorized"}


async def test_a_token_signed_otherwise_or_expired_is_refused(
    api: Api, openloomi_settings: OpenloomiSettings
) -> None:
    token = await register(api)
    claims = claims_of(token)
    forged = tokens.Signer("another secret", auth.ISSUER).issue(claims["sub"], 60, **claims)
    assert (await api.call("remoteUser", token=forged)).status == 401
    expired = auth.signer(openloomi_settings).issue(
        claims["sub"], -10, sessionVersion=claims["sessionVersion"]
    )
    assert (await api.call("remoteUser", token=expired)).error == "Unauthorized"


async def test_login_sets_the_auth_cookies_and_the_cookie_authenticates(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/remote-auth/register", json={"email": "c@example.com", "password": PASSWORD}
    )
    token = response.json()["token"]
    cookies = {cookie.name: cookie for cookie in client.cookies.jar}
    assert set(cookies) == {
        "cloud_auth_token",
        "cloud_auth_token_client",
        "cloud_auth_payload",
        "csrf_token",
        "csrf_token_client",
    }
    assert cookies["cloud_auth_token"].value == token
    assert "httponly" in response.headers["set-cookie"].lower()
    payload = str(cookies["cloud_auth_payload"].value)
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert set(decoded) == {"id", "email", "exp", "iat"}
    assert (await client.get("/api/remote-auth/user")).json()["email"] == "c@example.com"
    cleared = await client.post("/api/auth/clear-auth-cookie")
    assert cleared.json() == {"success": True}
    assert not list(client.cookies.jar)
    assert (await client.get("/api/remote-auth/user")).status_code == 401


async def test_set_token_redirects(client: httpx.AsyncClient) -> None:
    registered = await client.post(
        "/api/remote-auth/register", json={"email": "d@example.com", "password": PASSWORD}
    )
    token = registered.json()["token"]
    client.cookies.clear()
    bad = await client.get("/api/auth/set-token", params={"token": "nope"})
    assert (bad.status_code, bad.headers["location"]) == (302, "/login?error=invalid_token")
    good = await client.get("/api/auth/set-token", params={"token": token})
    assert (good.status_code, good.headers["location"]) == (302, "/")
    assert client.cookies.get("cloud_auth_token") == token


async def test_refresh_within_the_grace_period(
    api: Api, openloomi_settings: OpenloomiSettings
) -> None:
    token = await register(api)
    claims = claims_of(token)
    signer = auth.signer(openloomi_settings)
    lapsed = signer.issue(claims["sub"], -3600, sessionVersion=claims["sessionVersion"])
    assert (await api.call("remoteUser", token=lapsed)).status == 401
    refreshed = await api.call("refreshToken", token=lapsed)
    assert refreshed.data["success"] is True
    assert (await api.call("remoteUser", token=refreshed.data["token"])).status == 200
    grace = openloomi_settings.refresh_grace_seconds
    stale = signer.issue(claims["sub"], -grace - 60, sessionVersion=claims["sessionVersion"])
    too_late = await api.call("refreshToken", token=stale)
    assert (too_late.status, too_late.error) == (401, "Token expired too long. Please login again.")
    assert (await api.call("refreshToken")).status == 401


async def test_update_user_and_subscription(api: Api) -> None:
    token = await register(api)
    updated = await api.call(
        "updateRemoteUser", token=token, input={"name": "Alice L", "avatarUrl": "https://x/a.png"}
    )
    assert (updated.data["name"], updated.data["avatarUrl"]) == ("Alice L", "https://x/a.png")
    only_name = await api.call("updateUserIdentity", token=token, input={"name": "Al"})
    assert only_name.data["avatarUrl"] == "https://x/a.png"
    assert (await api.call("subscription", token=token)).data is None
    entitled = (await api.call("entitlements", token=token)).data
    assert entitled == {
        "success": True,
        "entitlements": {"userType": "regular", "insightHistoryDays": 0},
    }


@pytest.mark.parametrize("operation", ["changePassword", "changePasswordPost"])
async def test_password_change(api: Api, operation: str) -> None:
    token = await register(api)
    body = {
        "currentPassword": "wrong1234",
        "newPassword": "better123",
        "confirmPassword": "better123",
    }
    wrong = await api.call(operation, token=token, input=body)
    assert (wrong.status, wrong.error) == (400, "Current password is incorrect")
    differ = await api.call(
        operation, token=token, input={**body, "currentPassword": PASSWORD, "confirmPassword": "x"}
    )
    assert differ.status == 400
    changed = await api.call(operation, token=token, input={**body, "currentPassword": PASSWORD})
    assert changed.data["success"] is True
    assert (await api.call("remoteUser", token=token)).status == 401  # older tokens end
    assert (await api.call("remoteUser", token=changed.data["token"])).status == 200
    relogin = await api.call(
        "remoteLogin", input={"email": "alice@example.com", "password": "better123"}
    )
    assert relogin.status == 200


async def test_logins_are_throttled_per_account(
    settings: Settings, domain_settings: dict[str, DomainSettings], database: Database
) -> None:
    limits = {"login_attempts_per_account": "2/15 minutes"}
    app = create_app("openloomi", settings.model_copy(update=limits), domain_settings)
    transport = httpx.ASGITransport(app=app, client=(f"10.9.{id(app) % 250}.1", 1))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            other = {"email": "other@example.com", "password": PASSWORD}
            await client.post("/api/remote-auth/register", json=other)
            body = {"email": "other@example.com", "password": "wrong1234"}
            answers = [await client.post("/api/remote-auth/login", json=body) for _ in range(3)]
            assert [a.status_code for a in answers] == [400, 400, 429]
            refused = answers[-1]
            assert refused.json()["error"] == "Too many requests. Please try again later."
            assert refused.json()["retryAfter"] >= 1
            assert int(refused.headers["retry-after"]) >= 1
            # Refused before the password is checked, right or not.
            right = await client.post("/api/remote-auth/login", json=other)
            assert right.status_code == 429
            new = {"email": "new@example.com", "password": PASSWORD}
            assert (await client.post("/api/remote-auth/register", json=new)).status_code == 200
            assert (await client.post("/api/remote-auth/login", json=new)).status_code == 200
    finally:
        await app.state.database.dispose()


async def test_registrations_are_rate_limited(
    app: FastAPI, database: Database, openloomi_settings: OpenloomiSettings
) -> None:
    kept = openloomi_settings.register_rate_limit
    openloomi_settings.register_rate_limit = "2/minute"
    # An address of its own, so no other test's registrations count.
    address = (f"10.{int(time.time()) % 250}.{id(app) % 250}.7", 1)
    try:
        async with openloomi_client(app, address) as client:
            answers = [
                await client.post(
                    "/api/remote-auth/register",
                    json={"email": f"r{n}@example.com", "password": PASSWORD},
                )
                for n in range(3)
            ]
    finally:
        openloomi_settings.register_rate_limit = kept
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[-1].json()["retryAfter"] >= 1
