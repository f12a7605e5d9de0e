"""The sign-in throttle, counted in this process and through the real Redis: per account and per
client address, the address first, and a right secret starting its account again."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable

import pydantic
import pytest

from app.auth.throttle import LoginThrottle
from app.settings import Settings

from ..redis import reachable_redis

WINDOW_SECONDS = 15 * 60


@pytest.fixture(params=["memory", "redis"])
async def redis_url(request: pytest.FixtureRequest) -> str | None:
    return await reachable_redis() if request.param == "redis" else None


Make = Callable[..., LoginThrottle]


@pytest.fixture
async def throttle() -> AsyncIterator[Make]:
    """Makes throttles of three attempts per account (closed after the test)."""
    made: list[LoginThrottle] = []

    def make(redis_url: str | None, namespace: str, per_address: int = 5) -> LoginThrottle:
        made.append(
            LoginThrottle("3/15 minutes", f"{per_address}/15 minutes", redis_url, namespace)
        )
        return made[-1]

    yield make
    for each in made:
        await each.close()


@pytest.fixture
def namespace() -> str:
    """A key prefix of the test's own, so parallel runs sharing a Redis never meet."""
    return f"test-{uuid.uuid4().hex}"


async def test_an_account_is_refused_past_its_limit_wherever_it_is_tried(
    redis_url: str | None, namespace: str, throttle: Make
) -> None:
    logins = throttle(redis_url, namespace, per_address=100)
    alice = logins.client("10.0.0.1")
    assert [await alice.admit("alice") for _ in range(3)] == [None, None, None]
    wait = await alice.admit("alice")
    assert wait is not None and 0 < wait <= WINDOW_SECONDS
    # The same account however it is written, from another address.
    assert await logins.client("10.0.0.2").admit("  ALICE ") is not None
    assert await alice.admit("bob") is None


async def test_an_address_past_its_limit_spends_nothing_of_the_accounts(
    redis_url: str | None, namespace: str, throttle: Make
) -> None:
    logins = throttle(redis_url, namespace, per_address=5)
    guesser = logins.client("10.0.0.1")
    assert [await guesser.admit(f"user{n}") for n in range(5)] == [None] * 5
    assert await guesser.admit("carol") is not None
    # The refused attempt did not count against carol: she has her three.
    carol = logins.client("10.0.0.2")
    assert [await carol.admit("carol") for _ in range(3)] == [None, None, None]
    assert await carol.admit("carol") is not None


async def test_a_right_secret_starts_the_account_again_but_not_the_address(
    redis_url: str | None, namespace: str, throttle: Make
) -> None:
    logins = throttle(redis_url, namespace, per_address=7)
    client = logins.client("10.0.0.1")
    for _ in range(2):
        assert [await client.admit("alice") for _ in range(3)] == [None, None, None]
        await client.succeeded("alice")
    assert await client.admit("alice") is None
    assert await client.admit("bob") is not None  # the address's seven are spent


async def test_clients_without_an_address_share_one_count(namespace: str, throttle: Make) -> None:
    logins = throttle(None, namespace, per_address=2)
    assert await logins.client(None).admit("a") is None
    assert await logins.client(None).admit("b") is None
    assert await logins.client(None).admit("c") is not None


async def test_processes_count_together_through_redis(namespace: str, throttle: Make) -> None:
    url = await reachable_redis()
    first, second = throttle(url, namespace), throttle(url, namespace)
    assert await first.client("10.0.0.1").admit("alice") is None
    assert await second.client("10.0.0.2").admit("alice") is None
    assert await first.client("10.0.0.3").admit("alice") is None
    assert await second.client("10.0.0.4").admit("alice") is not None
    # Another namespace (another domain, another test) counts apart.
    assert await throttle(url, f"{namespace}-other").client("10.0.0.1").admit("alice") is None


@pytest.mark.parametrize("rate", ["lots", "10 per fortnight", ""])
def test_a_limit_the_library_cannot_read_is_refused_with_the_settings(rate: str) -> None:
    with pytest.raises(pydantic.ValidationError, match="login_attempts_per_account"):
        Settings(login_attempts_per_account=rate)
