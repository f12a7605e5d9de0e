"""Connecting and disconnecting accounts, checking mail app passwords, sending messages."""

from __future__ import annotations

import strawberry

from app.errors import Unauthenticated
from schema._shared import fields
from schema._shared.rows import from_row

from ..context import Info
from ..errors import Unavailable
from ..service import integrations, mailcheck, messaging
from ..service.mailcheck import Verdict
from ..types import given
from ..types.integrations import (
    Account,
    AccountChangeInput,
    AccountInput,
    Connected,
    Disconnected,
    GmailCheckInput,
    OutlookCheckInput,
    SendInput,
    Sent,
    Validated,
)

GMAIL_REFUSED = {"errorCode": "GOOGLE_AUTH_INVALID_PASSWORD"}
GMAIL_UNREACHABLE = {"errorCode": "GOOGLE_AUTH_NETWORK_ERROR"}


@strawberry.type
class IntegrationMutation:
    @fields.mutation(
        description="Connect an account (connecting the same platform and external id again "
        "updates it), creating or updating its bot; the credentials are stored encrypted."
    )
    async def connect_account(self, info: Info, input: AccountInput) -> Connected:
        values = given(input)
        values["platform"] = input.platform.value
        if input.status:
            values["status"] = input.status.value
        if input.bot:
            values["bot"] = given(input.bot)
        row = await integrations.connect(
            info.context.session,
            info.context.domain_settings,
            info.context.principal.user_id,
            values,
        )
        return Connected(account=from_row(Account, row))

    @fields.mutation(description="Change an account's metadata, status or credentials.")
    async def change_account(
        self, info: Info, id: strawberry.ID, input: AccountChangeInput
    ) -> Account:
        values = given(input)
        if input.status:
            values["status"] = input.status.value
        row = await integrations.change(
            info.context.session,
            info.context.domain_settings,
            info.context.principal.user_id,
            id,
            values,
        )
        return from_row(Account, row)

    @fields.mutation(description="Disconnect an account and delete its bot.")
    async def disconnect_account(self, info: Info, id: strawberry.ID) -> Disconnected:
        bot_ids = await integrations.disconnect(
            info.context.session, info.context.principal.user_id, id
        )
        return Disconnected(success=True, deleted_account_id=id, deleted_bot_ids=bot_ids)

    @fields.mutation(description="Check a Gmail app password with a login to Gmail's IMAP server.")
    async def validate_gmail(self, info: Info, input: GmailCheckInput) -> Validated:
        settings = info.context.domain_settings
        verdict = await mailcheck.check(
            settings.gmail_imap_url, settings.imap_timeout_seconds, input.email, input.app_password
        )
        if verdict is Verdict.REFUSED:
            raise Unauthenticated("Invalid email or app password", GMAIL_REFUSED)
        if verdict is Verdict.UNREACHABLE:
            raise Unavailable(
                "Could not connect to Gmail. Please try again later.", GMAIL_UNREACHABLE
            )
        return Validated(success=True, name=input.email.split("@")[0])

    @fields.mutation(description="Check an Outlook app password with a login to its IMAP server.")
    async def validate_outlook(self, info: Info, input: OutlookCheckInput) -> Validated:
        settings = info.context.domain_settings
        verdict = await mailcheck.check(
            settings.outlook_imap_url,
            settings.imap_timeout_seconds,
            input.email,
            input.app_password,
        )
        if verdict is Verdict.REFUSED:
            raise Unauthenticated(
                "Authentication failed. Please check your email and app password."
            )
        if verdict is Verdict.UNREACHABLE:
            raise Unavailable("Could not connect to Outlook server. Please try again later.")
        return Validated(success=True, name=input.email.split("@")[0])

    @fields.mutation(
        description="Send a message through one of the user's bots (no sender runs here: it "
        "is recorded, and answered as skipped)."
    )
    async def send_message(self, info: Info, input: SendInput) -> Sent:
        result = await messaging.send(
            info.context.session, info.context.principal.user_id, given(input)
        )
        return Sent(**result)
