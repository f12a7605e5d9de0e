"""Email verification, login by emailed one-time code, and identity resolution (which step a
sign-in form shows next). Secrets sent by mail are stored only as hashes; the mail itself goes
through the outbox in the request's transaction."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import tokens
from app.auth.throttle import Attempts
from app.clock import utcnow
from app.db import Database

from .. import errors
from ..models import EmailToken, User, as_utc, new_id
from ..repository import identity as repo
from ..settings import ArkloopSettings
from . import mail
from .auth import Issued, admit, signer, start_session, throttled_account

VERIFY, OTP = "verify", "otp"
FLOW = "flow"
FLOW_TTL_SECONDS = 600
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _otp_hash(user_id: str, code: str) -> str:
    return tokens.digest(f"{user_id}:{code}")


async def send_verification(session: AsyncSession, settings: ArkloopSettings, user_id: str) -> None:
    user = await session.get(User, user_id)
    if user is None:
        raise errors.UserNotFound()
    secret = tokens.opaque()
    now = utcnow()
    session.add(
        EmailToken(
            id=new_id(),
            user_id=user.id,
            purpose=VERIFY,
            token_hash=tokens.digest(secret),
            failed_attempts=0,
            expires_at=now + timedelta(seconds=settings.email_verify_ttl_seconds),
            created_at=now,
        )
    )
    body = (
        f"Hello {user.username},\n\nConfirm this email address for Arkloop with the token below "
        f"(POST /v1/auth/email/verify/confirm):\n\n{secret}\n\n"
        "If you did not ask for this, ignore this message.\n"
    )
    await mail.queue(session, settings, user.email, "Verify your email", body, "email_verify")


async def confirm_verification(session: AsyncSession, secret: str) -> None:
    token = await repo.email_token(session, VERIFY, tokens.digest(secret.strip()))
    now = utcnow()
    if token is None or token.used_at is not None or as_utc(token.expires_at) <= now:
        raise errors.EmailTokenInvalid()
    user = await session.get(User, token.user_id)
    if user is None:
        raise errors.EmailTokenInvalid()
    token.used_at = now
    if user.email_verified_at is None:
        user.email_verified_at = now
    await session.flush()


async def send_login_code(session: AsyncSession, settings: ArkloopSettings, email: str) -> None:
    """Mail a login code when the address belongs to a user; silent otherwise, so the answer
    does not tell whether the address is registered."""
    user = await repo.user_by_email(session, email.strip().lower())
    if user is None:
        return
    now = utcnow()
    latest = await repo.latest_email_token(session, user.id, OTP)
    if latest is not None:
        since = (now - as_utc(latest.created_at)).total_seconds()
        if latest.used_at is None and since < settings.otp_resend_seconds:
            raise errors.OtpRateLimited()
    await repo.retire_email_tokens(session, user.id, OTP, now)
    code = tokens.numeric_code(6)
    session.add(
        EmailToken(
            id=new_id(),
            user_id=user.id,
            purpose=OTP,
            token_hash=_otp_hash(user.id, code),
            failed_attempts=0,
            expires_at=now + timedelta(seconds=settings.otp_ttl_seconds),
            created_at=now,
        )
    )
    minutes = max(1, settings.otp_ttl_seconds // 60)
    body = (
        f"Your Arkloop login code is {code}\n\nIt expires in {minutes} minutes and works once.\n"
        "If you did not try to sign in, ignore this message.\n"
    )
    await mail.queue(session, settings, user.email, f"Your login code: {code}", body, "login_otp")


async def verify_login_code(
    session: AsyncSession,
    database: Database,
    settings: ArkloopSettings,
    attempts: Attempts,
    email: str,
    code: str,
) -> Issued:
    """A new login session for the code's user. Each try counts as a sign-in attempt, and a
    wrong code also against the code (in its own transaction, so the count stands although this
    request fails); too many and it is locked."""
    user = await repo.user_by_email(session, email.strip().lower())
    account = throttled_account(user, email)
    await admit(attempts, account)
    token = await repo.latest_email_token(session, user.id, OTP) if user else None
    now = utcnow()
    if user is None or token is None or token.used_at is not None:
        raise errors.OtpInvalid()
    if as_utc(token.expires_at) <= now:
        raise errors.OtpInvalid()
    if token.failed_attempts >= settings.otp_max_attempts:
        raise errors.OtpLocked()
    if not hmac.compare_digest(token.token_hash, _otp_hash(user.id, code.strip())):
        async with database.session() as side, side.begin():
            await repo.count_failed_attempt(side, token.id)
        raise errors.OtpInvalid()
    if not await repo.spend_email_token(session, token.id, now):
        raise errors.OtpInvalid()
    await attempts.succeeded(account)
    if user.email_verified_at is None:
        user.email_verified_at = now  # the code proves the mailbox is the user's
    member = await repo.primary_membership(session, user.id)
    if member is None:
        raise errors.PolicyDenied("auth.no_account_membership")
    return await start_session(session, settings, user.id, member.account_id)


@dataclass(frozen=True)
class Resolved:
    next_step: str  # password | register
    flow_token: str | None = None
    masked_email: str | None = None
    otp_available: bool = False
    prefill_login: str | None = None
    prefill_email: str | None = None


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    if len(local) <= 2:
        return f"{local[:1]}***@{domain}"
    return f"{local[0]}***{local[-1]}@{domain}"


async def resolve(session: AsyncSession, settings: ArkloopSettings, identity: str) -> Resolved:
    identity = identity.strip()
    if not identity:
        raise errors.invalid("identity is required", reason="identity_required")
    user = await repo.user_by_login(session, identity)
    if user is not None:
        flow = signer(settings).issue(user.id, FLOW_TTL_SECONDS, typ=FLOW)
        return Resolved(
            next_step="password",
            flow_token=flow,
            masked_email=mask_email(user.email),
            otp_available=True,
            prefill_login=user.username,
        )
    if "@" in identity:
        if not EMAIL.fullmatch(identity):
            raise errors.invalid("identity is invalid", reason="identity_invalid")
        return Resolved(next_step="register", prefill_email=identity)
    return Resolved(next_step="register", prefill_login=identity)


async def flow_email(session: AsyncSession, settings: ArkloopSettings, flow_token: str) -> str:
    """The email of the user a flow token (from resolve) was issued for."""
    try:
        claims = signer(settings).verify(flow_token.strip())
    except (tokens.TokenExpired, tokens.TokenInvalid):
        raise errors.FlowTokenInvalid() from None
    if claims.get("typ") != FLOW:
        raise errors.FlowTokenInvalid()
    user = await session.get(User, str(claims["sub"]))
    if user is None:
        raise errors.FlowTokenInvalid()
    if not user.email:
        raise errors.OtpUnavailable("The user has no email address")
    return user.email
