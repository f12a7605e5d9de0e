"""Password hashing under the suite's cheap Argon2 parameters (see tests/conftest.py)."""

from __future__ import annotations

from argon2 import PasswordHasher

from app.auth import passwords


def test_hashes_made_at_another_cost_still_verify_and_ask_for_a_rehash() -> None:
    at_production_cost = PasswordHasher().hash("secret")
    assert passwords.verify_password(at_production_cost, "secret")
    assert not passwords.verify_password(at_production_cost, "wrong")
    assert passwords.needs_rehash(at_production_cost)
    assert not passwords.needs_rehash(passwords.hash_password("secret"))


def test_the_timing_equaliser_is_hashed_at_the_current_cost() -> None:
    assert not passwords.needs_rehash(passwords.DUMMY_HASH)
