"""Registration, login, refresh-token rotation with reuse detection, logout, who a Bearer
token (an access JWT or an `ak-` API key) speaks for, and the captcha that guards sign-in:
when a Cloudflare Turnstile secret key is configured, register, login and the emailed-code
flows need a token its siteverify endpoint accepts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import passwords, tokens
from app.auth.throttle import Attempts
from app.clock import utcnow
from app.db import Database

from .. import errors
from ..models import Account, Membership, RefreshToken, Session, User, as_utc, new_id
from ..repository import identity as repo
from ..settings import ArkloopSettings
from . import credits

API_KEY_PREFIX = "ak-"
ISSUER = "arkloop"
CAPTCHA_VERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify"


@dataclass(frozen=True)
class Principal:
    user_id: str
    account_id: str
    role: str
    session_id: str | None = None
    api_key_id: str | None = None
    # An API key's scopes: the permissions it is limited to (None: all of its user's).
    scopes: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Issued:
    """A new login: the access token for the body, the refresh token for the cookie."""

    user_id: str
    access_token: str
    refresh_token: str


def signer(settings: ArkloopSettings) -> tokens.Signer:
    return tokens.Signer(settings.jwt_secret, ISSUER)


async def register(
    session: AsyncSession,
    settings: ArkloopSettings,
    login: str,
    password: str,
    email: str,
    locale: str | None,
) -> Issued:
    email = email.strip().lower()
    taken_login, taken_email = await repo.login_taken(session, login, email)
    if taken_login:
        raise errors.LoginTaken("Login already exists")
    if taken_email:
        raise errors.EmailTaken("Email already exists")
    now = utcnow()
    user = User(
        id=new_id(),
        username=login,
        email=email,
        password_hash=await passwords.hash_password(password),
        locale=locale,
        created_at=now,
    )
    account = Account(
        id=new_id(),
        slug=await _free_slug(session, login),
        name=login,
        type="personal",
        created_at=now,
    )
    session.add_all([user, account])
    await session.flush()
    session.add(
        Membership(
            id=new_id(), account_id=account.id, user_id=user.id, role="owner", created_at=now
        )
    )
    await session.flush()
    await credits.grant_first(session, settings, account.id)
    return await start_session(session, settings, user.id, account.id)


async def _free_slug(session: AsyncSession, login: str) -> str:
    base = re.sub(r"[^a-z0-9-]+", "-", login.lower()).strip("-") or "account"
    slug, n = base, 1
    while await repo.slug_taken(session, slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


async def login(
    session: AsyncSession, settings: ArkloopSettings, attempts: Attempts, login: str, password: str
) -> Issued:
    user = await repo.user_by_login(session, login)
    account = throttled_account(user, login)
    await admit(attempts, account)
    stored = user.password_hash if user and user.password_hash else passwords.DUMMY_HASH
    if not await passwords.verify_password(stored, password) or user is None:
        raise errors.InvalidCredentials("Invalid login or password")
    await attempts.succeeded(account)
    if passwords.needs_rehash(stored):
        user.password_hash = await passwords.hash_password(password)
    member = await repo.primary_membership(session, user.id)
    if member is None:
        raise errors.PolicyDenied("auth.no_account_membership")
    return await start_session(session, settings, user.id, member.account_id)


def throttled_account(user: User | None, typed: str) -> str:
    """What sign-in attempts are counted under: the user, however they named themselves (login
    name or email), else the name typed."""
    return f"user:{user.id}" if user is not None else f"name:{typed}"


async def admit(attempts: Attempts, account: str) -> None:
    """Count a sign-in attempt, or refuse it before its secret is checked when the account or
    the client has had too many."""
    wait = await attempts.admit(account)
    if wait is not None:
        raise errors.TooManyAttempts(wait)


async def start_session(
    session: AsyncSession, settings: ArkloopSettings, user_id: str, account_id: str
) -> Issued:
    now = utcnow()
    login_session = Session(id=new_id(), user_id=user_id, account_id=account_id, created_at=now)
    session.add(login_session)
    await session.flush()
    refresh = await _new_refresh_token(session, settings, login_session.id, now)
    return Issued(user_id, _access_token(settings, user_id, login_session.id), refresh)


async def _new_refresh_token(
    session: AsyncSession, settings: ArkloopSettings, session_id: str, now: datetime
) -> str:
    secret = tokens.opaque()
    ttl = timedelta(seconds=settings.refresh_token_ttl_seconds)
    session.add(
        RefreshToken(
            id=new_id(),
            session_id=session_id,
            token_hash=tokens.digest(secret),
            expires_at=now + ttl,
            created_at=now,
        )
    )
    await session.flush()
    return secret


def _access_token(settings: ArkloopSettings, user_id: str, session_id: str) -> str:
    return signer(settings).issue(
        user_id, settings.access_token_ttl_seconds, sid=session_id, typ="access"
    )


async def refresh(
    session: AsyncSession, database: Database, settings: ArkloopSettings, secret: str | None
) -> Issued:
    """Spend the refresh token for a new pair. A spent token presented again means it leaked:
    its whole family (the login session) is revoked, in its own transaction so the revocation
    stands although this request fails."""
    if not secret:
        raise errors.MissingToken("Missing refresh token")
    now = utcnow()
    token = await repo.refresh_token(session, tokens.digest(secret))
    if token is None:
        raise errors.InvalidToken("Invalid refresh token")
    login_session = await session.get(Session, token.session_id)
    if login_session is None or login_session.revoked_at is not None:
        raise errors.InvalidToken("Refresh token revoked")
    if token.used_at is not None or not await repo.spend_refresh_token(session, token.id, now):
        async with database.session() as side, side.begin():
            await repo.revoke_session(side, token.session_id, now)
        raise errors.InvalidToken("Refresh token reused; the session is revoked")
    if as_utc(token.expires_at) <= now:
        raise errors.TokenExpired("Refresh token expired")
    new_secret = await _new_refresh_token(session, settings, login_session.id, now)
    access = _access_token(settings, login_session.user_id, login_session.id)
    return Issued(login_session.user_id, access, new_secret)


async def logout(session: AsyncSession, principal: Principal) -> None:
    if principal.session_id is not None:
        await repo.revoke_session(session, principal.session_id, utcnow())


async def principal_for(session: AsyncSession, settings: ArkloopSettings, token: str) -> Principal:
    if token.startswith(API_KEY_PREFIX):
        return await _key_principal(session, token)
    try:
        claims = signer(settings).verify(token)
    except tokens.TokenExpired:
        raise errors.TokenExpired("Access token expired") from None
    except tokens.TokenInvalid:
        raise errors.InvalidToken("Invalid access token") from None
    if claims.get("typ") != "access":
        raise errors.InvalidToken("Not an access token")
    login_session = await session.get(Session, str(claims.get("sid", "")))
    if login_session is None or login_session.revoked_at is not None:
        raise errors.InvalidToken("Session revoked")
    member = await repo.membership(session, login_session.account_id, login_session.user_id)
    if member is None:
        raise errors.PolicyDenied("auth.no_account_membership")
    return Principal(member.user_id, member.account_id, member.role, session_id=login_session.id)


async def _key_principal(session: AsyncSession, token: str) -> Principal:
    key = await repo.api_keys.by_hash(session, tokens.digest(token))
    if key is None or key.revoked_at is not None:
        raise errors.InvalidToken("Invalid API key")
    member = await repo.membership(session, key.account_id, key.user_id)
    if member is None:
        raise errors.InvalidToken("Invalid API key")
    await repo.api_keys.update(session, key.id, {"last_used_at": utcnow()})
    scopes = tuple(key.scopes) if key.scopes else None
    return Principal(key.user_id, key.account_id, member.role, api_key_id=key.id, scopes=scopes)


async def check_captcha(
    settings: ArkloopSettings, token: str | None, client_ip: str | None
) -> None:
    secret = settings.turnstile_secret_key
    if secret is None:
        return
    if not token:
        raise errors.CaptchaFailed("Captcha token required")
    form = {"secret": secret, "response": token, **({"remoteip": client_ip} if client_ip else {})}
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            answer = (await client.post(CAPTCHA_VERIFY_URL, data=form)).json()
    except (httpx.HTTPError, ValueError):
        raise errors.CaptchaFailed("Captcha could not be verified") from None
    if not answer.get("success"):
        raise errors.CaptchaFailed("Captcha rejected")


async def login_exists(session: AsyncSession, login: str) -> bool:
    return await repo.user_by_login(session, login) is not None
