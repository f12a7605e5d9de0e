"""Loop's mutations: issues, relations, comments, labels, projects and goals; signals and
provider webhooks; templates, versions and prompt reviews; claiming work. Deletes answer `true`;
REST renders them as 204 with no body."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import from_row, provided

from .service import dispatch, issues, projects, prompts, signals
from .types import (
    Comment,
    CreateCommentInput,
    CreateGoalInput,
    CreateIssueInput,
    CreateLabelInput,
    CreateProjectInput,
    CreateRelationInput,
    CreateTemplateInput,
    CreateVersionInput,
    DispatchClaim,
    Goal,
    Issue,
    IssueRelation,
    Label,
    LoopInfo,
    Project,
    PromptReview,
    PromptReviewInput,
    PromptTemplate,
    PromptVersion,
    SignalIngestion,
    SignalInput,
    UpdateGoalInput,
    UpdateIssueInput,
    UpdateProjectInput,
    UpdateTemplateInput,
)

# A webhook's body as sent: its signature is checked before anything else is (NULs included).
RawBody = Annotated[str, constrained(allow_nul=True)]


@strawberry.type
class Mutation:
    @fields.mutation()
    async def create_issue(self, info: LoopInfo, input: CreateIssueInput) -> Issue:
        values = provided(input)
        label_ids = values.pop("label_ids", None) or []
        row = await issues.create_issue(info.context.session, values, label_ids)
        return from_row(Issue, row)

    @fields.mutation()
    async def update_issue(
        self, info: LoopInfo, id: strawberry.ID, input: UpdateIssueInput
    ) -> Issue:
        row = await issues.update_issue(info.context.session, id, provided(input))
        return from_row(Issue, row)

    @fields.mutation(description="Soft-deletes the issue.")
    async def delete_issue(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await issues.delete_issue(info.context.session, id)
        return True

    @fields.mutation()
    async def create_relation(
        self, info: LoopInfo, issue_id: strawberry.ID, input: CreateRelationInput
    ) -> IssueRelation:
        row = await issues.create_relation(
            info.context.session, issue_id, input.type.value, input.related_issue_id
        )
        return from_row(IssueRelation, row)

    @fields.mutation(description="Deletes the relation for good.")
    async def delete_relation(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await issues.delete_relation(info.context.session, id)
        return True

    @fields.mutation()
    async def create_comment(
        self, info: LoopInfo, issue_id: strawberry.ID, input: CreateCommentInput
    ) -> Comment:
        row = await issues.create_comment(info.context.session, issue_id, provided(input))
        return from_row(Comment, row)

    @fields.mutation()
    async def create_label(self, info: LoopInfo, input: CreateLabelInput) -> Label:
        row = await issues.create_label(info.context.session, input.name, input.color)
        return from_row(Label, row)

    @fields.mutation(description="Soft-deletes the label.")
    async def delete_label(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await issues.delete_label(info.context.session, id)
        return True

    @fields.mutation()
    async def create_project(self, info: LoopInfo, input: CreateProjectInput) -> Project:
        row = await projects.create_project(info.context.session, provided(input))
        return from_row(Project, row)

    @fields.mutation()
    async def update_project(
        self, info: LoopInfo, id: strawberry.ID, input: UpdateProjectInput
    ) -> Project:
        row = await projects.update_project(info.context.session, id, provided(input))
        return from_row(Project, row)

    @fields.mutation(description="Soft-deletes the project.")
    async def delete_project(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await projects.delete_project(info.context.session, id)
        return True

    @fields.mutation()
    async def create_goal(self, info: LoopInfo, input: CreateGoalInput) -> Goal:
        row = await projects.create_goal(info.context.session, provided(input))
        return from_row(Goal, row)

    @fields.mutation()
    async def update_goal(self, info: LoopInfo, id: strawberry.ID, input: UpdateGoalInput) -> Goal:
        row = await projects.update_goal(info.context.session, id, provided(input))
        return from_row(Goal, row)

    @fields.mutation(description="Soft-deletes the goal.")
    async def delete_goal(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await projects.delete_goal(info.context.session, id)
        return True

    @fields.mutation(description="Creates the signal and its triage issue together.")
    async def ingest_signal(self, info: LoopInfo, input: SignalInput) -> SignalIngestion:
        return SignalIngestion.of(await signals.ingest(info.context.session, provided(input)))

    @fields.mutation(public=True, description="GitHub webhook; signed with GITHUB_WEBHOOK_SECRET.")
    async def receive_github_webhook(
        self,
        info: LoopInfo,
        raw_body: RawBody,
        signature: str | None = None,
        event: str | None = None,
        delivery: str | None = None,
    ) -> SignalIngestion:
        secret = info.context.domain_settings.github_webhook_secret
        signals.verify_hmac(secret, raw_body, signature, prefix="sha256=")
        body = signals.parse_payload(raw_body, info.context.settings.max_json_depth)
        fields_ = signals.github_signal(event, delivery, body)
        return SignalIngestion.of(await signals.ingest(info.context.session, fields_))

    @fields.mutation(public=True, description="Sentry webhook; signed with SENTRY_CLIENT_SECRET.")
    async def receive_sentry_webhook(
        self,
        info: LoopInfo,
        raw_body: RawBody,
        signature: str | None = None,
        resource: str | None = None,
    ) -> SignalIngestion:
        signals.verify_hmac(info.context.domain_settings.sentry_client_secret, raw_body, signature)
        fields_ = signals.sentry_signal(
            resource, signals.parse_payload(raw_body, info.context.settings.max_json_depth)
        )
        return SignalIngestion.of(await signals.ingest(info.context.session, fields_))

    @fields.mutation(public=True, description="PostHog webhook; carries POSTHOG_WEBHOOK_SECRET.")
    async def receive_posthog_webhook(
        self, info: LoopInfo, raw_body: RawBody, secret: str | None = None
    ) -> SignalIngestion:
        signals.verify_secret(info.context.domain_settings.posthog_webhook_secret, secret)
        fields_ = signals.posthog_signal(
            signals.parse_payload(raw_body, info.context.settings.max_json_depth)
        )
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
