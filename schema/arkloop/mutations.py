"""Arkloop's mutations: auth and the caller's profile, keys and accounts."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from . import accounts, auth, captcha, errors, service, teams
from .context import REFRESH_COOKIE
from .inputs import (
    CheckInput,
    CreateAccountInput,
    CreateApiKeyInput,
    LoginInput,
    RegisterInput,
    UpdateMeInput,
)
from .types import (
    AccessToken,
    Account,
    ArkloopInfo,
    CreatedApiKey,
    Exists,
    Ok,
    Registered,
    UsernameUpdated,
    created_key,
)


def _client_ip(info: ArkloopInfo) -> str | None:
    request = info.context.request
    return request.client.host if request is not None and request.client else None


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
        await captcha.check(settings, input.cf_turnstile_token, _client_ip(info))
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
        await captcha.check(settings, input.cf_turnstile_token, _client_ip(info))
        issued = await auth.login(info.context.session, settings, input.login, input.password)
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
        return Exists(exists=await service.login_exists(info.context.session, input.login))

    @fields.mutation()
    async def update_me(self, info: ArkloopInfo, input: UpdateMeInput) -> UsernameUpdated:
        user = await accounts.rename(info.context.session, info.context.principal, input.username)
        return UsernameUpdated(username=user.username)

    @fields.mutation(description="The key is in the answer this once; only its hash is kept.")
    async def create_api_key(self, info: ArkloopInfo, input: CreateApiKeyInput) -> CreatedApiKey:
        scopes = input.scopes if isinstance(input.scopes, list) else []
        row, secret = await accounts.create_api_key(
            info.context.session, info.context.principal, input.name, scopes
        )
        return created_key(row, secret)

    @fields.mutation()
    async def revoke_api_key(self, info: ArkloopInfo, id: strawberry.ID) -> bool:
        await accounts.revoke_api_key(info.context.session, info.context.principal, id)
        return True

    @fields.mutation(description="A workspace account, owned by the caller.")
    async def create_account(self, info: ArkloopInfo, input: CreateAccountInput) -> Account:
        row = await accounts.create_account(
            info.context.session, info.context.principal, input.slug, input.name
        )
        return Account(
            id=row.id,
            slug=row.slug,
            name=row.name,
            type=row.type,
            created_at=row.created_at,
            role="owner",
        )
