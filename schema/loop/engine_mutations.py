"""Mutations of Loop's engine: signals and provider webhooks, templates and versions, prompt
reviews, and claiming work."""

from __future__ import annotations

import strawberry

from schema._shared import fields
from schema._shared.rows import from_row, provided

from . import dispatch, prompts, signals
from .types import (
    CreateTemplateInput,
    CreateVersionInput,
    DispatchClaim,
    LoopInfo,
    PromptReview,
    PromptReviewInput,
    PromptTemplate,
    PromptVersion,
    SignalIngestion,
    SignalInput,
    UpdateTemplateInput,
)


@strawberry.type
class EngineMutation:
    @fields.mutation(description="Creates the signal and its triage issue together.")
    async def ingest_signal(self, info: LoopInfo, input: SignalInput) -> SignalIngestion:
        return SignalIngestion.of(await signals.ingest(info.context.session, provided(input)))

    @fields.mutation(public=True, description="GitHub webhook; signed with GITHUB_WEBHOOK_SECRET.")
    async def receive_github_webhook(
        self,
        info: LoopInfo,
        raw_body: str,
        signature: str | None = None,
        event: str | None = None,
        delivery: str | None = None,
    ) -> SignalIngestion:
        secret = info.context.domain_settings.github_webhook_secret
        signals.verify_hmac(secret, raw_body, signature, prefix="sha256=")
        body = signals.parse_payload(raw_body)
        fields_ = signals.github_signal(event, delivery, body)
        return SignalIngestion.of(await signals.ingest(info.context.session, fields_))

    @fields.mutation(public=True, description="Sentry webhook; signed with SENTRY_CLIENT_SECRET.")
    async def receive_sentry_webhook(
        self,
        info: LoopInfo,
        raw_body: str,
        signature: str | None = None,
        resource: str | None = None,
    ) -> SignalIngestion:
        signals.verify_hmac(info.context.domain_settings.sentry_client_secret, raw_body, signature)
        fields_ = signals.sentry_signal(resource, signals.parse_payload(raw_body))
        return SignalIngestion.of(await signals.ingest(info.context.session, fields_))

    @fields.mutation(public=True, description="PostHog webhook; carries POSTHOG_WEBHOOK_SECRET.")
    async def receive_posthog_webhook(
        self, info: LoopInfo, raw_body: str, secret: str | None = None
    ) -> SignalIngestion:
        signals.verify_secret(info.context.domain_settings.posthog_webhook_secret, secret)
        fields_ = signals.posthog_signal(signals.parse_payload(raw_body))
        return SignalIngestion.of(await signals.ingest(info.context.session, fields_))

    @fields.mutation()
    async def create_template(self, info: LoopInfo, input: CreateTemplateInput) -> PromptTemplate:
        row = await prompts.create_template(info.context.session, provided(input))
        return from_row(PromptTemplate, row)

    @fields.mutation()
    async def update_template(
        self, info: LoopInfo, id: strawberry.ID, input: UpdateTemplateInput
    ) -> PromptTemplate:
        row = await prompts.update_template(info.context.session, id, provided(input))
        return from_row(PromptTemplate, row)

    @fields.mutation(description="Soft-deletes the template.")
    async def delete_template(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await prompts.delete_template(info.context.session, id)
        return True

    @fields.mutation(description="The next version; the first one becomes active.")
    async def create_template_version(
        self, info: LoopInfo, template_id: strawberry.ID, input: CreateVersionInput
    ) -> PromptVersion:
        row = await prompts.create_version(info.context.session, template_id, provided(input))
        return from_row(PromptVersion, row)

    @fields.mutation(description="Makes the version active and retires the previous one.")
    async def promote_template_version(
        self, info: LoopInfo, template_id: strawberry.ID, version_id: strawberry.ID
    ) -> PromptVersion:
        row = await prompts.promote_version(info.context.session, template_id, version_id)
        return from_row(PromptVersion, row)

    @fields.mutation(description="Scores a prompt version; may file an improvement task.")
    async def submit_prompt_review(self, info: LoopInfo, input: PromptReviewInput) -> PromptReview:
        row = await prompts.submit_review(info.context.session, provided(input))
        return from_row(PromptReview, row)

    @fields.mutation(description="Claims the best eligible issue for an agent; null when none.")
    async def claim_next_issue(
        self, info: LoopInfo, project_id: strawberry.ID | None = None
    ) -> DispatchClaim | None:
        context = info.context
        claim = await dispatch.claim_next(
            context.session,
            project_id,
            loop_url=context.domain_settings.public_url,
            loop_token=context.domain_settings.api_key,
        )
        return DispatchClaim.of(claim) if claim else None
