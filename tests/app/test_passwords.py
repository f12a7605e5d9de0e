"""Password hashing under the suite's cheap Argon2 parameters (see tests/conftest.py), and off the
event loop at production cost."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterator

import pytest
from argon2 import PasswordHasher, extract_parameters
from argon2.profiles import RFC_9106_LOW_MEMORY

from app.auth import passwords


async def test_hashes_made_at_another_cost_still_verify_and_ask_for_a_rehash() -> None:
    at_production_cost = PasswordHasher().hash("secret")
    assert await passwords.verify_password(at_production_cost, "secret")
    assert not await passwords.verify_password(at_production_cost, "wrong")
    assert not await passwords.verify_password("not a hash", "secret")
    assert passwords.needs_rehash(at_production_cost)
    assert not passwords.needs_rehash(await passwords.hash_password("secret"))


def test_the_timing_equaliser_is_hashed_at_the_current_cost() -> None:
    assert not passwords.needs_rehash(passwords.DUMMY_HASH)


@pytest.fixture
def production_cost() -> Iterator[None]:
    suite_parameters = extract_parameters(passwords.DUMMY_HASH)
    passwords.use_parameters(RFC_9106_LOW_MEMORY)
    try:
        yield
    finally:
        passwords.use_parameters(suite_parameters)


async def _loop_turns_during(work: Awaitable[object]) -> int:
    turns = 0
    done = False

    async def tick() -> None:
        nonlocal turns
        while not done:
            await asyncio.sleep(0)
            turns += 1

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0)
    started = turns
    await work
    done = True
    await ticker
    return turns - started


@pytest.mark.usefixtures("production_cost")
async def test_hashing_and_verifying_leave_the_event_loop_free() -> None:
    stored = await passwords.hash_password("secret")
    assert not passwords.needs_rehash(stored)
    # On the loop, the ticker could not run at all while Argon2 works (tens of milliseconds).
    assert await _loop_turns_during(passwords.hash_password("secret")) > 20
    assert await _loop_turns_during(passwords.verify_password(stored, "wrong")) > 20
    assert await _loop_turns_during(passwords.verify_password(passwords.DUMMY_HASH, "x")) > 20
