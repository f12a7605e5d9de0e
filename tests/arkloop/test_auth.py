"""Registration, login, logout, API keys and the profile, on both transports; refresh-token
rotation and reuse detection over REST, where the cookie lives."""

from __future__ import annotations

import httpx
import pytest

from .api import GraphQL, Rest, register

Api = Rest | GraphQL


async def test_register_login_and_me(api: Api) -> None:
    token = await register(api)
    me = (await api.call("getMe", token=token)).data
    assert me["username"] == "alice" and me["role"] == "owner" and me["org_id"] == me["account_id"]
    login = await api.call(
        "login", input={"login": "ALICE@example.com", "password": "correct horse"}
    )
    assert login.data["token_type"] == "bearer"
    assert (await api.call("getMe", token=login.data["access_token"])).data["id"] == me["id"]


@pytest.mark.parametrize(
    ("login", "password", "code"),
    [
        ("alice", "wrong password", "auth.invalid_credentials"),
        ("nobody", "correct horse", "auth.invalid_credentials"),
    ],
)
async def test_bad_credentials(api: Api, login: str, password: str, code: str) -> None:
    await register(api)
    outcome = await api.call("login", input={"login": login, "password": password})
    assert (outcome.status, outcome.code) == (401, code)


async def test_register_conflicts_and_validation(api: Api) -> None:
    await register(api)
    again = await api.call(
        "register", input={"login": "alice", "password": "12345678", "email": "b@example.com"}
    )
    assert (again.status, again.code) == (409, "auth.login_exists")
    bad = await api.call("register", input={"login": "bob", "password": "short", "email": "x"})
    assert (bad.status, bad.code) == (422, "validation.error")
    assert (await api.call("checkLogin", input={"login": "alice"})).data == {"exists": True}


async def test_tokens_are_checked(api: Api) -> None:
    missing = await api.call("getMe")
    assert (missing.status, missing.code) == (401, "auth.missing_token")
    forged = await api.call("getMe", token="eyJhbGciOiJIUzI1NiJ9.e30.x")
    assert (forged.status, forged.code) == (401, "auth.invalid_token")


async def test_logout_ends_the_session(api: Api) -> None:
    token = await register(api)
    assert (await api.call("logout", token=token)).data == {"ok": True}
    assert (await api.call("getMe", token=token)).code == "auth.invalid_token"


async def test_api_keys(api: Api) -> None:
    token = await register(api)
    created = await api.call("createApiKey", token=token, input={"name": "CI", "scopes": ["x"]})
    assert created.status == 201
    key = created.data["key"]
    assert key.startswith("ak-") and created.data["key_prefix"] == key[:7]
    assert (await api.call("getMe", token=key)).data["username"] == "alice"
    listed = (await api.call("listApiKeys", token=token)).data
    assert "key" not in listed[0] and listed[0]["last_used_at"] is not None
    assert (await api.call("revokeApiKey", token=token, id=listed[0]["id"])).status == 204
    assert (await api.call("getMe", token=key)).code == "auth.invalid_token"


async def test_update_me_and_registration_mode(api: Api) -> None:
    token = await register(api)
    assert (await api.call("updateMe", token=token, input={"username": "al"})).status == 422
    renamed = await api.call("updateMe", token=token, input={"username": "alicia"})
    assert renamed.data == {"username": "alicia"}
    assert (await api.call("registrationMode")).data == {"mode": "open"}
    assert (await api.call("captchaConfig")).data == {"enabled": False, "site_key": None}


async def refresh(client: httpx.AsyncClient, token: str) -> httpx.Response:
    """A refresh sending this refresh token as its only cookie."""
    client.cookies.clear()
    client.cookies.set("arkloop_refresh_token", token)
    return await client.post("/v1/auth/refresh")


async def test_refresh_rotates_and_reuse_revokes_the_family(client: httpx.AsyncClient) -> None:
    body = {"login": "alice", "password": "correct horse", "email": "alice@example.com"}
    registered = await client.post("/v1/auth/register", json=body)
    cookie = registered.cookies["arkloop_refresh_token"]
    assert "httponly" in registered.headers["set-cookie"].lower()

    first = await refresh(client, cookie)
    assert first.status_code == 200, first.text
    rotated = first.cookies["arkloop_refresh_token"]
    assert rotated != cookie

    reused = await refresh(client, cookie)
    assert (reused.status_code, reused.json()["code"]) == (401, "auth.invalid_token")
    # The whole family is gone: the newest refresh token and its access token too.
    newest = await refresh(client, rotated)
    assert newest.status_code == 401
    access = first.json()["access_token"]
    me = await client.get("/v1/me", headers={"Authorization": f"Bearer {access}"})
    assert me.status_code == 401


async def test_refresh_without_cookie(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/auth/refresh")
    assert (response.status_code, response.json()["code"]) == (401, "auth.missing_token")
