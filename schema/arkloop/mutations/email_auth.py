"""Email verification, login by emailed code, and identity resolution (which step a sign-in
form shows next)."""

from __future__ import annotations

import strawberry

from app.errors import ValidationFailed
from schema._shared import fields

from ..service import auth, email_auth
from ..service.auth import Issued
from ..types.auth import AccessToken, ResolvedIdentity, ResolvePrefill
from ..types.common import ArkloopInfo, Ok
from ..types.inputs import (
    EmailOtpSendInput,
    EmailOtpVerifyInput,
    EmailVerifyConfirmInput,
    ResolveInput,
    ResolveOtpSendInput,
    ResolveOtpVerifyInput,
)


def _signed_in(info: ArkloopInfo, issued: Issued) -> AccessToken:
    info.context.set_refresh_cookie(issued.refresh_token)
    return AccessToken(access_token=issued.access_token)


@strawberry.type
class EmailMutation:
    @fields.mutation(description="Mails the caller a token that confirms their email address.")
    async def send_email_verification(self, info: ArkloopInfo) -> bool:
        ctx = info.context
        await email_auth.send_verification(ctx.session, ctx.domain_settings, ctx.principal.user_id)
        return True

    @fields.mutation(public=True, description="Marks the token's email address verified.")
    async def confirm_email_verification(
        self, info: ArkloopInfo, input: EmailVerifyConfirmInput
    ) -> Ok:
        await email_auth.confirm_verification(info.context.session, input.token)
        return Ok()

    @fields.mutation(
        public=True,
        description="Mails a login code when the address is registered; the answer is the "
        "same either way.",
    )
    async def send_email_otp(self, info: ArkloopInfo, input: EmailOtpSendInput) -> bool:
        ctx = info.context
        await auth.check_captcha(ctx.domain_settings, input.cf_turnstile_token, ctx.client_address)
        await email_auth.send_login_code(ctx.session, ctx.domain_settings, input.email)
        return True

    @fields.mutation(
        public=True,
        description="Spends a login code for a new session (the refresh token is set as the "
        "`arkloop_refresh_token` cookie).",
    )
    async def verify_email_otp(self, info: ArkloopInfo, input: EmailOtpVerifyInput) -> AccessToken:
        code = input.otp or input.code
        if not code:
            raise ValidationFailed(message="otp is required")
        ctx = info.context
        issued = await email_auth.verify_login_code(
            ctx.session, ctx.database, ctx.domain_settings, ctx.login_attempts, input.email, code
        )
        return _signed_in(info, issued)

    @fields.mutation(
        public=True,
        description="Which step a sign-in form shows next for a username or email: `password` "
        "(with a flow token for login by emailed code) or `register`.",
    )
    async def resolve_identity(self, info: ArkloopInfo, input: ResolveInput) -> ResolvedIdentity:
        ctx = info.context
        await auth.check_captcha(ctx.domain_settings, input.cf_turnstile_token, ctx.client_address)
        found = await email_auth.resolve(ctx.session, ctx.domain_settings, input.identity)
        prefill = None
        if found.prefill_login or found.prefill_email:
            prefill = ResolvePrefill(login=found.prefill_login, email=found.prefill_email)
        return ResolvedIdentity(
            next_step=found.next_step,
            flow_token=found.flow_token,
            masked_email=found.masked_email,
            otp_available=found.otp_available,
            invite_required=found.next_step == "register"
            and ctx.domain_settings.registration_mode != "open",
            prefill=prefill,
        )

    @fields.mutation(public=True, description="Mails a login code to the flow token's user.")
    async def resolve_otp_send(self, info: ArkloopInfo, input: ResolveOtpSendInput) -> bool:
        ctx = info.context
        await auth.check_captcha(ctx.domain_settings, input.cf_turnstile_token, ctx.client_address)
        email = await email_auth.flow_email(ctx.session, ctx.domain_settings, input.flow_token)
        await email_auth.send_login_code(ctx.session, ctx.domain_settings, email)
        return True

    @fields.mutation(public=True, description="Spends a login code for the flow token's user.")
    async def resolve_otp_verify(
        self, info: ArkloopInfo, input: ResolveOtpVerifyInput
    ) -> AccessToken:
        ctx = info.context
        email = await email_auth.flow_email(ctx.session, ctx.domain_settings, input.flow_token)
        issued = await email_auth.verify_login_code(
            ctx.session, ctx.database, ctx.domain_settings, ctx.login_attempts, email, input.code
        )
        return _signed_in(info, issued)
