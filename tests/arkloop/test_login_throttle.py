"""Sign-in throttling on both transports: wrong passwords and mailed codes in a row are refused
429 `rate_limit` with the seconds to wait, before any password is hashed, while other accounts
and other addresses sign in; through Redis, several processes count together.

The tests share one throttled app per backend; each calls from addresses of its own, and names
accounts no other test names (registered users are new ids each time)."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack

import httpx
import pytest
from fastapi import FastAPI

from app.auth import passwords
from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

from ..redis import reachable_redis
from .api import GraphQL, Rest, register

Api = Rest | GraphQL
Transport = type[Rest] | type[GraphQL]
PER_ACCOUNT, PER_ADDRESS = 3, 8
WINDOW_SECONDS = 15 * 60
RIGHT = "correct horse"  # `register`'s password
_addresses = itertools.count(1)


def throttled_app(
    settings: Settings, domain_settings: dict[str, DomainSettings], redis_url: str | None = None
) -> FastAPI:
    limits = {
        "login_attempts_per_account": f"{PER_ACCOUNT}/15 minutes",
        "login_attempts_per_address": f"{PER_ADDRESS}/15 minutes",
        "redis_url": redis_url,
    }
    return create_app(settings=settings.model_copy(update=limits), domain_settings=domain_settings)


def client_at(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://test/arkloop")


def new_address() -> str:
    n = next(_addresses)
    return f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250 + 1}"


def nobody() -> str:
    """A login name no user has and no other test tries."""
    return f"nobody-{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="module")
async def throttled(
    settings: Settings, domain_settings: dict[str, DomainSettings]
) -> AsyncIterator[FastAPI]:
    app = throttled_app(settings, domain_settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture(params=[Rest, GraphQL], ids=["rest", "graphql"])
def transport(request: pytest.FixtureRequest) -> Transport:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
async def new_client(
    throttled: FastAPI, database: Database, transport: Transport
) -> AsyncIterator[Callable[[], Awaitable[Api]]]:
    """Each call is a client at an address of its own."""
    async with AsyncExitStack() as stack:

        async def client() -> Api:
            return transport(await stack.enter_async_context(client_at(throttled, new_address())))

        yield client


async def log_in(api: Api, login: str, password: str) -> tuple[int, str | None]:
    outcome = await api.call("login", input={"login": login, "password": password})
    return outcome.status, outcome.code


WRONG = (401, "auth.invalid_credentials")
REFUSED = (429, "rate_limit")
SIGNED_IN = (200, None)


async def test_wrong_passwords_in_a_row_are_refused_before_hashing(
    new_client: Callable[[], Awaitable[Api]],
) -> None:
    api = await new_client()
    await register(api)
    verified = passwords.verifications
    for _ in range(PER_ACCOUNT):
        assert await log_in(api, "alice", "wrong") == WRONG
    refusal = await api.call("login", input={"login": "alice", "password": "wrong"})
    assert (refusal.status, refusal.code) == REFUSED
    assert refusal.retry_after is not None and 0 < refusal.retry_after <= WINDOW_SECONDS
    # The right password waits too (the email names the same account), and no refusal hashed.
    assert await log_in(api, "Alice@example.com", RIGHT) == REFUSED
    assert passwords.verifications - verified == PER_ACCOUNT


async def test_the_refusal_is_in_arkloops_error_shape(throttled: FastAPI) -> None:
    login = nobody()
    async with client_at(throttled, new_address()) as http:
        for _ in range(PER_ACCOUNT):
            body = {"login": login, "password": "wrong"}
            assert (await http.post("/v1/auth/login", json=body)).status_code == 401
        answer = await http.post("/v1/auth/login", json=body)
        graphql = await http.post(
            "/graphql",
            json={
                "query": "mutation($input: LoginInput!) { login(input: $input) { access_token } }",
                "variables": {"input": body},
            },
        )
    assert answer.status_code == 429
    wait = int(answer.headers["retry-after"])
    assert 0 < wait <= WINDOW_SECONDS
    assert answer.json() == {
        "code": "rate_limit",
        "error": "rate_limit",
        "message": f"Too many sign-in attempts; try again in {wait} seconds",
        "trace_id": answer.headers["x-trace-id"],
    }
    assert graphql.status_code == 200
    [error] = graphql.json()["errors"]
    assert error["message"].startswith("Too many sign-in attempts; try again in")
    assert error["extensions"]["reason"] == "rate_limit"
    assert error["extensions"]["status"] == 429
    assert 0 < error["extensions"]["retryAfter"] <= WINDOW_SECONDS


async def test_wrong_logins_sent_at_once_hash_no_more_than_the_limit(
    new_client: Callable[[], Awaitable[Api]],
) -> None:
    api = await new_client()
    await register(api)
    verified = passwords.verifications
    answers = await asyncio.gather(*(log_in(api, "alice", "wrong") for _ in range(12)))
    assert answers.count(WRONG) == PER_ACCOUNT
    assert answers.count(REFUSED) == 12 - PER_ACCOUNT
    assert passwords.verifications - verified == PER_ACCOUNT


async def test_another_account_still_signs_in(new_client: Callable[[], Awaitable[Api]]) -> None:
    here, elsewhere = await new_client(), await new_client()
    await register(here, "alice")
    await register(here, "bob")
    for _ in range(PER_ACCOUNT + 1):
        await log_in(here, "alice", "wrong")
    assert await log_in(here, "bob", RIGHT) == SIGNED_IN
    assert await log_in(elsewhere, "bob", RIGHT) == SIGNED_IN
    # Alice's account is throttled wherever it is tried from.
    assert await log_in(elsewhere, "alice", RIGHT) == REFUSED


async def test_a_guessing_address_is_refused_and_others_are_not(
    new_client: Callable[[], Awaitable[Api]],
) -> None:
    guesser, elsewhere = await new_client(), await new_client()
    await register(elsewhere, "bob")
    for _ in range(PER_ADDRESS):
        assert await log_in(guesser, nobody(), "wrong") == WRONG
    assert await log_in(guesser, "bob", RIGHT) == REFUSED
    assert await log_in(elsewhere, "bob", RIGHT) == SIGNED_IN


async def test_a_right_password_forgives_the_accounts_mistakes(
    new_client: Callable[[], Awaitable[Api]],
) -> None:
    api = await new_client()
    await register(api)
    for _ in range(2):
        for _ in range(PER_ACCOUNT - 1):
            assert await log_in(api, "alice", "wrong") == WRONG
        assert await log_in(api, "alice", RIGHT) == SIGNED_IN


async def test_mailed_codes_and_passwords_share_the_accounts_attempts(
    new_client: Callable[[], Awaitable[Api]],
) -> None:
    api = await new_client()
    await register(api)
    flow = (await api.call("resolveIdentity", input={"identity": "alice"})).data["flow_token"]
    by_mail = await api.call("verifyEmailOtp", input={"email": "alice@example.com", "otp": "1"})
    assert (by_mail.status, by_mail.code) == (422, "auth.otp_invalid")
    resolved = await api.call("resolveOtpVerify", input={"flow_token": flow, "code": "1"})
    assert (resolved.status, resolved.code) == (422, "auth.otp_invalid")
    assert await log_in(api, "ALICE", "wrong") == WRONG
    for refusal in (
        await api.call("verifyEmailOtp", input={"email": "Alice@Example.com", "otp": "2"}),
        await api.call("resolveOtpVerify", input={"flow_token": flow, "code": "2"}),
        await api.call("login", input={"login": "alice", "password": RIGHT}),
    ):
        assert (refusal.status, refusal.code) == REFUSED
        assert refusal.retry_after is not None and refusal.retry_after > 0


async def test_processes_sharing_redis_count_together(
    settings: Settings,
    domain_settings: dict[str, DomainSettings],
    database: Database,
    transport: Transport,
) -> None:
    redis_url = await reachable_redis()
    # Counts in Redis outlive the test (and other runs share it): a name and an address of
    # this run's own.
    login, address = f"u{uuid.uuid4().hex[:12]}", f"10.251.{uuid.uuid4().int % 250}.9"
    apps = [throttled_app(settings, domain_settings, redis_url) for _ in range(2)]
    async with AsyncExitStack() as stack:
        for app in apps:  # run as served: stopping closes the connections to Redis
            await stack.enter_async_context(app.router.lifespan_context(app))
        first, second = [
            transport(await stack.enter_async_context(client_at(app, address))) for app in apps
        ]
        await register(first, login)
        answers = [await log_in(api, login, "wrong") for api in (first, second, first)]
        assert answers == [WRONG] * PER_ACCOUNT
        assert await log_in(second, login, RIGHT) == REFUSED
