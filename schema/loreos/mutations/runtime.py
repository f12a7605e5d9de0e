"""LoreOS's runtime mutations (keys, characters, sessions, budgets): every one acts within the
caller's app only."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import provided

from ..context import Info
from ..service import apps, budgets, channels, characters
from ..service import sessions as sessions_service
from ..service.readiness import readiness
from ..types.apps import DemoLimits, RotatedKey, RotateKeyInput, SandboxKey, SandboxKeyInput
from ..types.characters import (
    BulkCharacters,
    BulkCharactersInput,
    Character,
    CharacterInput,
    CharacterPatchInput,
    CharacterValidation,
    Readiness,
)
from ..types.sessions import (
    EVENT_ID_HEADER,
    SIGNATURE_HEADER,
    ChannelInput,
    DeletedChannel,
    MessageAccepted,
    MessageInput,
    OpenedSession,
    SessionInput,
    WebhookChannel,
)
from ..types.usage import AppBudget, AppBudgetPolicyInput, BudgetPolicyInput, EndUserBudget

ExternalRef = Annotated[str, constrained(min_length=1, max_length=200)]
SessionId = Annotated[str, constrained(min_length=1, max_length=200)]
Slug = Annotated[str, constrained(min_length=1, max_length=128)]


@strawberry.type
class RuntimeMutation:
    @fields.mutation(public=True, description="A capped demo sandbox app and its key.")
    async def demo_sandbox_key(
        self, info: Info, input: SandboxKeyInput | None = None
    ) -> SandboxKey:
        context = info.context
        settings = context.domain_settings
        issued = await apps.sandbox_key(
            context.session, settings, context.client_ip, context.settings.redis_url
        )
        return SandboxKey(
            app_id=issued.app.id,
            api_key=issued.secret,
            key_prefix=issued.key.prefix,
            expires_at=issued.key.expires_at,
            limits=DemoLimits(
                characters=settings.demo_max_characters,
                sessions=settings.demo_max_sessions,
                messages=settings.demo_max_messages,
                message_chars=settings.demo_max_message_chars,
                credit_limit=settings.demo_credit_limit,
            ),
        )

    @fields.mutation(description="Issue a new key for the app in place of the one with `prefix`.")
    async def rotate_api_key(
        self,
        info: Info,
        app_id: ExternalRef,
        prefix: ExternalRef,
        input: RotateKeyInput | None = None,
    ) -> RotatedKey:
        context = info.context
        revoke_old = provided(input).get("revoke_old") if input is not None else None
        rotated = await apps.rotate_key(
            context.session, context.principal, app_id, prefix, revoke_old is not False
        )
        key = rotated.issued.key
        return RotatedKey(
            app_id=rotated.issued.app.id,
            api_key=rotated.issued.secret,
            key_prefix=key.prefix,
            previous_prefix=rotated.previous.prefix,
            revoked_old=rotated.previous.revoked_at is not None,
            created_at=key.created_at,
        )

    @fields.mutation(description="Create a character, or publish its content as a new version.")
    async def create_character(self, info: Info, input: CharacterInput) -> Character:
        context = info.context
        found = await characters.create(
            context.session, context.principal, provided(input), context.domain_settings
        )
        return Character.of(found)

    @fields.mutation(description="Create up to 50 characters, reporting each one's outcome.")
    async def bulk_create_characters(
        self, info: Info, input: BulkCharactersInput
    ) -> BulkCharacters:
        context = info.context
        items = [provided(item) for item in input.characters]
        outcomes = await characters.create_many(
            context.session, context.principal, items, context.domain_settings
        )
        return BulkCharacters.of(outcomes)

    @fields.mutation(description="Validate and score a character without storing anything.")
    async def validate_character(self, info: Info, input: CharacterInput) -> CharacterValidation:
        content = characters.normalised(provided(input))
        await characters.check_slug(info.context.session, info.context.principal, content["slug"])
        return CharacterValidation(
            slug=content["slug"], valid=True, authoring_readiness=Readiness.of(readiness(content))
        )

    @fields.mutation(description="Change a character; new content publishes a new version.")
    async def update_character(
        self, info: Info, slug: Slug, input: CharacterPatchInput
    ) -> Character:
        context = info.context
        found = await characters.patch(context.session, context.principal, slug, provided(input))
        return Character.of(found)

    @fields.mutation(description="The end-user's session with a character (opened if none).")
    async def create_session(self, info: Info, input: SessionInput) -> OpenedSession:
        context = info.context
        values = provided(input)
        opened = await sessions_service.open_session(
            context.session,
            context.principal,
            context.domain_settings,
            input.character,
            input.external_user_ref,
            values.get("external_user_display_name"),
            values.get("proactive_enabled"),
        )
        row = opened.session
        return OpenedSession(
            session_id=row.id,
            character=opened.character.slug,
            external_user_ref=row.external_user_ref,
            status=row.status,
            created=opened.created,
            last_cursor=row.last_cursor,
            created_at=row.created_at,
        )

    @fields.mutation(description="Send a user message; the reply arrives as session events.")
    async def send_message(
        self,
        info: Info,
        session_id: SessionId,
        input: MessageInput,
        idempotency_key: Annotated[str | None, constrained(min_length=1, max_length=200)] = None,
    ) -> MessageAccepted:
        context = info.context
        values = provided(input)
        message = sessions_service.Message(
            text=input.text,
            reply_mode=values.get("reply_mode"),
            context_events=values.get("context_events"),
            idempotency_key=idempotency_key,
        )
        accepted = await sessions_service.send(
            context.session, context.principal, context.domain_settings, session_id, message
        )
        run = accepted.run
        return MessageAccepted(
            session_id=run.session_id,
            accepted=True,
            cursor=run.cursor,
            sent_turn_index=run.turn_index,
            run_ref=run.id,
            reply_mode=run.reply_mode,
            idempotent_replay=accepted.replay,
        )

    @fields.mutation(description="Push the session's new events to a webhook, signed.")
    async def register_channel(
        self, info: Info, session_id: SessionId, input: ChannelInput
    ) -> WebhookChannel:
        context = info.context
        registered = await channels.register(
            context.session,
            context.principal,
            context.domain_settings,
            session_id,
            input.url,
            provided(input).get("secret"),
        )
        channel = registered.channel
        return WebhookChannel(
            channel_id=channel.id,
            session_id=channel.session_id,
            url=channel.url,
            secret=registered.issued_secret,
            signature_header=SIGNATURE_HEADER,
            event_id_header=EVENT_ID_HEADER,
            created_at=channel.created_at,
        )

    @fields.mutation(description="Delete a session's webhook channel.")
    async def delete_channel(
        self, info: Info, session_id: SessionId, channel_id: SessionId
    ) -> DeletedChannel:
        context = info.context
        removed = await channels.remove(context.session, context.principal, session_id, channel_id)
        return DeletedChannel(channel_id=removed, deleted=True)

    @fields.mutation(description="Set (or with a null limit clear) an end-user's credit cap.")
    async def set_external_user_budget(
        self, info: Info, external_user_ref: ExternalRef, input: BudgetPolicyInput
    ) -> EndUserBudget:
        context = info.context
        values = provided(input)
        policy = budgets.Policy(
            limit_credits=values.get("limit_credits"),
            enforcement=values.get("enforcement") or "hard",
            resource_type=values.get("resource_type") or "all",
        )
        user = await budgets.set_end_user_policy(
            context.session, context.principal, external_user_ref, policy
        )
        return EndUserBudget(
            external_user_ref=user.external_user_ref,
            resource_type=user.resource_type,
            limit_credits=user.limit_credits,
            enforcement=user.enforcement,
            spent_credits=await budgets.spent(
                context.session, context.principal, user.external_user_ref
            ),
        )

    @fields.mutation(description="Set (or with a null limit clear) the app-wide credit cap.")
    async def set_app_budget(
        self, info: Info, app_id: ExternalRef, input: AppBudgetPolicyInput
    ) -> AppBudget:
        context = info.context
        values = provided(input)
        policy = budgets.Policy(
            limit_credits=values.get("limit_credits"),
            enforcement=values.get("enforcement") or "hard",
            resource_type="all",
        )
        app = await budgets.set_app_policy(context.session, context.principal, app_id, policy)
        return AppBudget(
            app_id=app.id,
            limit_credits=app.limit_credits,
            enforcement=app.enforcement,
            spent_credits=await budgets.spent(context.session, context.principal),
        )
