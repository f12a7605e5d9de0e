"""Register, login, refresh, the profile and the password; the token is also set as the auth
cookies (`cloud_auth_token` and its companions)."""

from __future__ import annotations

from typing import Any

import strawberry

from schema._shared import fields
from schema._shared.rows import from_row

from ..context import Info
from ..service import auth, throttle
from ..types.auth import (
    AuthResult,
    AuthUser,
    CredentialsInput,
    PasswordChanged,
    PasswordChangeInput,
    Refreshed,
    RemoteUser,
    Success,
    UserUpdateInput,
)


def _signed_in(info: Info, issued: auth.Issued) -> AuthResult:
    info.context.set_auth_cookies(issued)
    return AuthResult(user=from_row(AuthUser, issued.user), token=issued.token)


async def _throttled(info: Info, bucket: str, rate: str) -> None:
    context = info.context
    await throttle.check(bucket, rate, context.settings.redis_url, context.client_address)


def _given(input: Any, *names: str) -> dict[str, Any]:
    """The fields that were sent, by their column names."""
    return {name: getattr(input, name) for name in names if getattr(input, name) is not UNSET}


UNSET: Any = strawberry.UNSET


@strawberry.type
class AuthMutation:
    @fields.mutation(public=True, description="Log in with email and password.")
    async def remote_login(self, info: Info, input: CredentialsInput) -> AuthResult:
        context = info.context
        issued = await auth.login(
            context.session,
            context.domain_settings,
            context.login_attempts,
            _text(input.email),
            _text(input.password),
        )
        return _signed_in(info, issued)

    @fields.mutation(public=True, description="Create a user and log them in.")
    async def remote_register(self, info: Info, input: CredentialsInput) -> AuthResult:
        settings = info.context.domain_settings
        await _throttled(info, "register", settings.register_rate_limit)
        issued = await auth.register(
            info.context.session, settings, _text(input.email), _text(input.password)
        )
        return _signed_in(info, issued)

    @fields.mutation(
        public=True,
        description="A new token for the presented one (cookie or Bearer), which may have "
        "expired up to the grace period ago.",
    )
    async def refresh_token(self, info: Info) -> Refreshed:
        context = info.context
        issued = await auth.refresh(
            context.session, context.domain_settings, context.presented_token
        )
        context.set_auth_cookies(issued)
        return Refreshed(success=True, token=issued.token)

    @fields.mutation(description="Change the current user's name or avatar.")
    async def update_remote_user(self, info: Info, input: UserUpdateInput) -> RemoteUser:
        changes = _given(input, "name", "avatar_url")
        user = await auth.update_user(info.context.session, info.context.principal, changes)
        return from_row(RemoteUser, user)

    @fields.mutation(
        description="Change the password: every earlier token stops working, and the answer "
        "carries a new one (also set as the cookies)."
    )
    async def change_password(self, info: Info, input: PasswordChangeInput) -> PasswordChanged:
        context = info.context
        issued = await auth.change_password(
            context.session,
            context.domain_settings,
            context.login_attempts,
            context.principal,
            _text(input.current_password),
            _text(input.new_password),
            _text(input.confirm_password),
        )
        context.set_auth_cookies(issued)
        return PasswordChanged(success=True, message="Password updated", token=issued.token)

    @fields.mutation(public=True, description="Clear the auth cookies.")
    async def clear_auth_cookie(self, info: Info) -> Success:
        info.context.clear_auth_cookies()
        return Success(success=True)


def _text(value: str | None) -> str | None:
    return None if value is UNSET else value
