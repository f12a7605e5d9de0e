"""Registration, login, refresh and logout: the refresh token travels in the
`arkloop_refresh_token` cookie."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from .. import errors
from ..context import REFRESH_COOKIE
from ..service import auth, teams
from ..types.auth import AccessToken, Exists, Registered
from ..types.common import ArkloopInfo, Ok
from ..types.inputs import CheckInput, LoginInput, RegisterInput


@strawberry.type
class AuthMutation:
    @fields.mutation(
        public=True,
        description="Creates a user and their personal account; "
        "the refresh token is set as the `arkloop_refresh_token` cookie.",
    )
    async def register(self, info: ArkloopInfo, input: RegisterInput) -> Registered:
        settings = info.context.domain_settings
        mode = settings.registration_mode
        if mode == "disabled":
            raise errors.RegistrationClosed("Registration is disabled")
        invitation = None
        if mode == "invite_only":
            if not input.invite_code:
                raise errors.InviteRequired("Invite code required")
            invitation = await teams.check_invite_code(
                info.context.session, input.invite_code, input.email
            )
        await auth.check_captcha(settings, input.cf_turnstile_token, info.context.client_address)
        locale = input.locale or None
        issued = await auth.register(
            info.context.session, settings, input.login, input.password, input.email, locale
        )
        if invitation is not None:
            await teams.redeem_invite_code(info.context.session, invitation, issued.user_id)
        info.context.set_refresh_cookie(issued.refresh_token)
        return Registered(user_id=issued.user_id, access_token=issued.access_token)

    @fields.mutation(public=True)
    async def login(self, info: ArkloopInfo, input: LoginInput) -> AccessToken:
        settings = info.context.domain_settings
        await auth.check_captcha(settings, input.cf_turnstile_token, info.context.client_address)
        issued = await auth.login(
            info.context.session,
            settings,
            info.context.login_attempts,
            input.login,
            input.password,
        )
        info.context.set_refresh_cookie(issued.refresh_token)
        return AccessToken(access_token=issued.access_token)

    @fields.mutation(
        public=True,
        description="Spends the refresh token (the cookie, or the "
        "argument) for a new access token and a new refresh cookie.",
    )
    async def refresh(self, info: ArkloopInfo, refresh_token: str | None = None) -> AccessToken:
        request = info.context.request
        secret = refresh_token or (request.cookies.get(REFRESH_COOKIE) if request else None)
        issued = await auth.refresh(
            info.context.session, info.context.database, info.context.domain_settings, secret
        )
        info.context.set_refresh_cookie(issued.refresh_token)
        return AccessToken(access_token=issued.access_token)

    @fields.mutation(
        description="Ends the login session: its access and refresh tokens stop "
        "working and the cookie is cleared."
    )
    async def logout(self, info: ArkloopInfo) -> Ok:
        await auth.logout(info.context.session, info.context.principal)
        info.context.clear_refresh_cookie()
        return Ok()

    @fields.mutation(public=True, description="Whether a username or email is registered.")
    async def check_login(self, info: ArkloopInfo, input: CheckInput) -> Exists:
        return Exists(exists=await auth.login_exists(info.context.session, input.login))
