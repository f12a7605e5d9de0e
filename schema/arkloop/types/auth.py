"""Sign-in answers: new tokens, whether a login exists, how registration works here, and
which step a sign-in form shows next."""

from __future__ import annotations

import strawberry

from .common import ID


@strawberry.type
class Registered:
    user_id: ID
    access_token: str
    token_type: str = "bearer"
    warning: str | None = None


@strawberry.type
class AccessToken:
    access_token: str
    token_type: str = "bearer"


@strawberry.type
class Exists:
    exists: bool


@strawberry.type
class RegistrationMode:
    mode: str


@strawberry.type
class CaptchaConfig:
    enabled: bool
    site_key: str | None


@strawberry.type
class ResolvePrefill:
    login: str | None = None
    email: str | None = None


@strawberry.type
class ResolvedIdentity:
    next_step: str
    flow_token: str | None
    masked_email: str | None
    otp_available: bool
    invite_required: bool
    prefill: ResolvePrefill | None
