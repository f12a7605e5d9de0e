"""Password hashing with Argon2id (argon2-cffi's recommended parameters).

Hashing and verifying take tens of milliseconds of CPU each at production cost, so they run in a
worker thread: on the event loop, a burst of logins would stall every other request."""

from __future__ import annotations

import asyncio

from argon2 import Parameters, PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
_NOT_A_PASSWORD = "not a real password"
# Verifications this process has run: what its sign-ins have cost in hashing.
verifications = 0


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password_hash: str, password: str) -> bool:
    global verifications
    verifications += 1
    return await asyncio.to_thread(_verify, _hasher, password_hash, password)


def _verify(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


# Verifying against this when no user matches keeps login timing independent of the login name.
DUMMY_HASH = _hasher.hash(_NOT_A_PASSWORD)


def use_parameters(parameters: Parameters) -> None:
    """Hash with `parameters` from now on (a test run uses argon2's cheapest; a server never
    calls this). Hashes made before still verify, and report that they need a rehash."""
    global _hasher, DUMMY_HASH
    _hasher = PasswordHasher.from_parameters(parameters)
    DUMMY_HASH = _hasher.hash(_NOT_A_PASSWORD)
