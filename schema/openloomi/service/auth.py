"""Accounts and tokens. A token is an HS256 JWT (joserfc) naming the user (`sub`, and `id` and
`userId` as OpenLoomi's clients read them) and the user's session version: changing the
password moves the version on, and every older token stops working. Tokens last
`token_ttl_seconds` and can be refreshed up to `refresh_grace_seconds` after they expire."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import passwords, tokens
from app.auth.throttle import Attempts
from app.clock import utcnow
from app.errors import BadRequest, Conflict, NotFound, RateLimited, Unauthenticated
from app.sealing import kept_secret
from schema._shared.repository import Row

from .. import errors, repository
from ..models import new_id
from ..settings import OpenloomiSettings

ISSUER = "openloomi"
EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# 8 to 20 characters, at least one letter and one digit.
PASSWORD = re.compile(r"(?=.*[A-Za-z])(?=.*\d).{8,20}", re.DOTALL)


@dataclass(frozen=True)
class Principal:
    user_id: str
    email: str


@dataclass(frozen=True)
class Issued:
    user: Row
    token: str
    claims: dict[str, Any]


def signer(settings: OpenloomiSettings) -> tokens.Signer:
    return tokens.Signer(settings.auth_secret or _kept_secret(settings.data_dir), ISSUER)


def _kept_secret(data_dir: str) -> str:
    return kept_secret(str(Path(data_dir) / "auth_secret"))


def issue(settings: OpenloomiSettings, user: Row) -> Issued:
    token = signer(settings).issue(
        user.id,
        settings.token_ttl_seconds,
        id=user.id,
        userId=user.id,
        email=user.email,
        sessionVersion=user.session_version,
    )
    return Issued(user, token, signer(settings).verify(token))


def normalized_email(email: str | None) -> str:
    return (email or "").strip().lower()


async def register(
    session: AsyncSession, settings: OpenloomiSettings, email: str | None, password: str | None
) -> Issued:
    address = normalized_email(email)
    if not EMAIL.fullmatch(address):
        raise BadRequest(errors.INVALID_EMAIL)
    if password is None or not PASSWORD.fullmatch(password):
        raise BadRequest(errors.WEAK_PASSWORD)
    if await repository.users.by_email(session, address) is not None:
        raise Conflict(errors.USER_EXISTS)
    now = utcnow()
    values = {
        "id": new_id(),
        "email": address,
        "name": address.split("@")[0],
        "password_hash": await passwords.hash_password(password),
        "type": "regular",
        "session_version": 1,
        "created_at": now,
        "updated_at": now,
        "last_login_at": now,
    }
    try:
        async with session.begin_nested():
            user = await repository.users.insert(session, values)
    except IntegrityError:
        raise Conflict(errors.USER_EXISTS) from None
    return issue(settings, user)


async def login(
    session: AsyncSession,
    settings: OpenloomiSettings,
    attempts: Attempts,
    email: str | None,
    password: str | None,
) -> Issued:
    """Attempts are counted per account and per client address before the password is
    checked (app/auth/throttle.py); a right one starts the account's count again."""
    if not email or not password:
        raise BadRequest(errors.CREDENTIALS_REQUIRED)
    user = await repository.users.by_email(session, normalized_email(email))
    account = f"user:{user.id}" if user is not None else f"email:{normalized_email(email)}"
    await admit(attempts, account)
    stored = user.password_hash if user is not None else passwords.DUMMY_HASH
    if not await passwords.verify_password(stored, password) or user is None:
        raise BadRequest(errors.INVALID_CREDENTIALS)
    await attempts.succeeded(account)
    changes: dict[str, Any] = {"last_login_at": utcnow()}
    if passwords.needs_rehash(stored):
        changes["password_hash"] = await passwords.hash_password(password)
    updated = await repository.users.update(session, user.id, changes)
    assert updated is not None
    return issue(settings, updated)


async def admit(attempts: Attempts, account: str) -> None:
    wait = await attempts.admit(account)
    if wait is not None:
        raise RateLimited(errors.TOO_MANY_REQUESTS, wait)


async def principal_for(
    session: AsyncSession, settings: OpenloomiSettings, token: str | None
) -> Principal:
    user = await _token_user(session, settings, token, leeway_seconds=0)
    return Principal(user.id, user.email)


async def refresh(session: AsyncSession, settings: OpenloomiSettings, token: str | None) -> Issued:
    """A new token for one still valid, or expired less than the grace period ago."""
    user = await _token_user(session, settings, token, settings.refresh_grace_seconds)
    return issue(settings, user)


async def _token_user(
    session: AsyncSession, settings: OpenloomiSettings, token: str | None, leeway_seconds: int
) -> Row:
    if not token:
        raise Unauthenticated(errors.UNAUTHORIZED)
    try:
        claims = signer(settings).verify(token, leeway_seconds)
    except tokens.TokenExpired:
        message = errors.TOKEN_EXPIRED_TOO_LONG if leeway_seconds else errors.UNAUTHORIZED
        raise Unauthenticated(message) from None
    except tokens.TokenInvalid:
        raise Unauthenticated(errors.UNAUTHORIZED) from None
    user = await repository.users.get(session, str(claims["sub"]))
    if user is None:
        if leeway_seconds:
            raise NotFound(errors.USER_NOT_FOUND)
        raise Unauthenticated(errors.UNAUTHORIZED)
    if claims.get("sessionVersion") != user.session_version:
        raise Unauthenticated(errors.UNAUTHORIZED)
    return user


async def current_user(session: AsyncSession, principal: Principal) -> Row:
    user = await repository.users.get(session, principal.user_id)
    if user is None:
        raise NotFound(errors.USER_NOT_FOUND)
    return user


async def update_user(
    session: AsyncSession, principal: Principal, changes: dict[str, str | None]
) -> Row:
    if not changes:
        return await current_user(session, principal)
    user = await repository.users.update(session, principal.user_id, changes)
    if user is None:
        raise NotFound(errors.USER_NOT_FOUND)
    return user


async def change_password(
    session: AsyncSession,
    settings: OpenloomiSettings,
    attempts: Attempts,
    principal: Principal,
    current: str | None,
    new: str | None,
    confirmation: str | None,
) -> Issued:
    """Sets the new password and moves the session version on: every earlier token, this
    one included, stops working; the answer carries the one token that works."""
    if not current or not new:
        raise BadRequest(errors.PASSWORD_FIELDS_REQUIRED)
    if confirmation is not None and confirmation != new:
        raise BadRequest(errors.PASSWORDS_DIFFER)
    if not PASSWORD.fullmatch(new):
        raise BadRequest(errors.WEAK_PASSWORD)
    user = await current_user(session, principal)
    await admit(attempts, f"user:{user.id}")
    if not await passwords.verify_password(user.password_hash, current):
        raise BadRequest(errors.WRONG_CURRENT_PASSWORD)
    await attempts.succeeded(f"user:{user.id}")
    changes = {
        "password_hash": await passwords.hash_password(new),
        "session_version": user.session_version + 1,
    }
    updated = await repository.users.update(session, user.id, changes)
    assert updated is not None
    return issue(settings, updated)


async def adopt(session: AsyncSession, settings: OpenloomiSettings, token: str | None) -> Issued:
    """A presented token, checked, to be set as the auth cookies as it is."""
    user = await _token_user(session, settings, token, leeway_seconds=0)
    assert token is not None
    return Issued(user, token, signer(settings).verify(token))


async def create_without_password(
    session: AsyncSession, email: str, name: str | None, avatar_url: str | None
) -> Row:
    """A user who signs in with a provider: their password is random and never told, so only
    the provider (or a reset) lets them in."""
    now = utcnow()
    address = normalized_email(email)
    values = {
        "id": new_id(),
        "email": address,
        "name": name or address.split("@")[0],
        "avatar_url": avatar_url,
        "password_hash": await passwords.hash_password(secrets.token_urlsafe(32)),
        "type": "regular",
        "session_version": 1,
        "created_at": now,
        "updated_at": now,
        "last_login_at": now,
    }
    return await repository.users.insert(session, values)
