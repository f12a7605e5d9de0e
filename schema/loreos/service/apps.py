"""Apps and their runtime keys. A key is `lk_<public part>_<secret>`: stored as its SHA-256,
found by its public prefix, and compared in constant time (a lookup that finds nothing is
compared against a dummy, so timing does not tell a wrong prefix from a wrong secret)."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.tokens import digest
from app.clock import utcnow
from app.db import Database
from app.ratelimit import RateLimiter

from .. import errors
from ..models import ApiKey, App, as_utc, new_id
from ..repository import apps as repo
from ..settings import LoreosSettings

STANDARD, DEMO = "standard", "demo"
_KEY_KINDS = {STANDARD: "lk_", DEMO: "lk_demo_"}
_DUMMY_HASH = digest("not a key")


@dataclass(frozen=True)
class Principal:
    """The caller: the app its key resolves to."""

    app_id: str
    app_kind: str
    key_prefix: str
    expires_at: datetime | None

    @property
    def is_demo(self) -> bool:
        return self.app_kind == DEMO


@dataclass(frozen=True)
class IssuedKey:
    app: App
    key: ApiKey
    secret: str


def key_prefix(token: str) -> str:
    """The public part of a key: everything before its last `_`."""
    return token.rpartition("_")[0]


async def principal_for(database: Database, token: str) -> Principal:
    """The app of a presented key, read in a transaction of its own (so the request's begins
    with its own first statement). Raises for an unknown, revoked or expired key."""
    async with database.session() as session:
        key = await repo.key_by_prefix(session, key_prefix(token)[:40])
        app = await repo.app(session, key.app_id) if key is not None else None
    matches = hmac.compare_digest(digest(token), key.key_hash if key else _DUMMY_HASH)
    if key is None or app is None or not matches or key.revoked_at is not None:
        raise errors.InvalidKey(errors.INVALID_KEY)
    if key.expires_at is not None and as_utc(key.expires_at) <= utcnow():
        raise errors.ApiKeyExpired("This API key has expired")
    return Principal(app.id, app.kind, key.prefix, key.expires_at)


async def create_app(
    session: AsyncSession,
    name: str,
    *,
    kind: str = STANDARD,
    limit_credits: float | None = None,
    key_ttl_seconds: int | None = None,
) -> IssuedKey:
    """A new app and its first key (the secret is in the answer, and nowhere else)."""
    app = App(
        id=new_id("app_"),
        name=name,
        kind=kind,
        limit_credits=limit_credits,
        enforcement="hard",
        created_at=utcnow(),
    )
    session.add(app)
    await session.flush()
    key, secret = await _issue_key(session, app, key_ttl_seconds)
    return IssuedKey(app, key, secret)


async def _issue_key(
    session: AsyncSession, app: App, ttl_seconds: int | None
) -> tuple[ApiKey, str]:
    prefix = _KEY_KINDS[app.kind] + secrets.token_hex(6)
    secret = f"{prefix}_{secrets.token_hex(24)}"
    now = utcnow()
    key = ApiKey(
        id=new_id("key_"),
        app_id=app.id,
        prefix=prefix,
        key_hash=digest(secret),
        expires_at=now + timedelta(seconds=ttl_seconds) if ttl_seconds else None,
        revoked_at=None,
        last_used_at=None,
        created_at=now,
    )
    session.add(key)
    await session.flush()
    return key, secret


SANDBOX_LIMIT = "loreos-sandbox"


@cache
def sandbox_limiter(rate: str, redis_url: str | None) -> RateLimiter:
    """The counter of sandbox keys issued, one per rate and store in a process."""
    return RateLimiter(rate, redis_url)


async def sandbox_key(
    session: AsyncSession,
    settings: LoreosSettings,
    client: str | None,
    redis_url: str | None = None,
) -> IssuedKey:
    """An isolated demo app with a hard credit cap, and its short-lived key; at most
    `demo_sandbox_rate_limit` of them per client address (counted in Redis when one is set)."""
    if not settings.demo_sandbox_enabled:
        raise errors.DemoSandboxDisabled("Sandbox key issuance is disabled")
    limiter = sandbox_limiter(settings.demo_sandbox_rate_limit, redis_url)
    retry_after = await limiter.hit(SANDBOX_LIMIT, client or "-")
    if retry_after is not None:
        rate = limiter.description
        raise errors.DemoSandboxRateLimited(f"At most {rate} sandbox keys", retry_after)
    return await create_app(
        session,
        "Demo sandbox",
        kind=DEMO,
        limit_credits=settings.demo_credit_limit,
        key_ttl_seconds=settings.demo_key_ttl_seconds,
    )


async def get_app(session: AsyncSession, who: Principal) -> App:
    app = await repo.app(session, who.app_id)
    assert app is not None  # the key resolved to it
    return app


def refuse_demo(who: Principal, surface: str) -> None:
    if who.is_demo:
        raise errors.DemoSurfaceDisabled(f"{surface} is not available with a demo key")


@dataclass(frozen=True)
class Rotated:
    issued: IssuedKey
    previous: ApiKey


async def rotate_key(
    session: AsyncSession, who: Principal, app_id: str, prefix: str, revoke_old: bool
) -> Rotated:
    """A new key for the app in place of the one with `prefix`, which is revoked at once
    unless `revoke_old` is false (both then work until the old one is rotated again)."""
    refuse_demo(who, "Extra keys")
    if app_id != who.app_id:
        raise errors.AppNotFound(f"No app {app_id!r}")
    previous = await repo.app_key(session, who.app_id, prefix)
    if previous is None or previous.revoked_at is not None:
        raise errors.ApiKeyNotFound(f"No active key {prefix!r} in this app")
    app = await get_app(session, who)
    key, secret = await _issue_key(session, app, None)
    if revoke_old:
        previous.revoked_at = utcnow()
        await session.flush()
    return Rotated(IssuedKey(app, key, secret), previous)
