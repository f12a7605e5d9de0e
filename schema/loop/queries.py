"""Loop's queries: issues, labels, projects and goals; prompt templates and previews; the
dispatch queue and the dashboard."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from app.pagination import offset_for
from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import from_row, from_rows

from .models import IssueStatus, IssueType
from .repository.issues import IssueFilter
from .service import dashboard, dispatch, hydration, issues, projects, prompts
from .types import (
    ActivityChain,
    Comment,
    DashboardStats,
    DispatchStats,
    Goal,
    GoalStats,
    Health,
    Issue,
    IssueStats,
    Label,
    LoopInfo,
    Page,
    Project,
    PromptHealth,
    PromptReview,
    PromptTemplate,
    PromptVersion,
    QueueEntry,
    ServiceInfo,
    TemplatePreview,
    page_of,
)

SERVICE_NAME = "Loop API"
SERVICE_VERSION = "0.1.0"
NO_TEMPLATE = "No matching template found"

Limit = Annotated[int, constrained(minimum=1, maximum=200)]
Offset = Annotated[int | None, constrained(minimum=0)]
PageNumber = Annotated[
    int | None,
    strawberry.argument(
        description="1-based page as Loop's public docs describe; `offset` wins over it.",
        directives=constrained(minimum=1).directives,
    ),
]


@strawberry.type
class Query:
    @fields.query(public=True, description="Service health; needs no API key.")
    async def health(self) -> Health:
        return Health(ok=True, service="loop-api", timestamp=datetime.now(UTC))

    @fields.query(public=True, description="Service name and version; needs no API key.")
    async def service(self) -> ServiceInfo:
        return ServiceInfo(name=SERVICE_NAME, version=SERVICE_VERSION)

    @fields.query(description="Live issues, oldest first, filtered and paginated.")
    async def issues(
        self,
        info: LoopInfo,
        status: list[IssueStatus] | None = None,
        type: list[IssueType] | None = None,
        project_id: strawberry.ID | None = None,
        label_id: strawberry.ID | None = None,
        priority: Annotated[int | None, constrained(minimum=0, maximum=4)] = None,
        parent_id: strawberry.ID | None = None,
        limit: Limit = 50,
        offset: Offset = None,
        page: PageNumber = None,
    ) -> Page[Issue]:
        where = IssueFilter(
            statuses=[s.value for s in status] if status else None,
            types=[t.value for t in type] if type else None,
            project_id=project_id,
            label_id=label_id,
            priority=priority,
            parent_id=parent_id,
        )
        rows, total = await issues.list_issues(
            info.context.session, where, limit, offset_for(limit, offset, page)
        )
        return page_of(Issue, rows, total)

    @fields.query()
    async def issue(self, info: LoopInfo, id: strawberry.ID) -> Issue:
        return from_row(Issue, await issues.get_issue(info.context.session, id))

    @fields.query(description="Top-level comments of an issue, each with its replies.")
    async def comments(self, info: LoopInfo, issue_id: strawberry.ID) -> list[Comment]:
        rows = await issues.list_comments(info.context.session, issue_id)
        return from_rows(Comment, rows)

    @fields.query()
    async def labels(
        self, info: LoopInfo, limit: Limit = 50, offset: Offset = None, page: PageNumber = None
    ) -> Page[Label]:
        rows, total = await issues.list_labels(
            info.context.session, limit, offset_for(limit, offset, page)
        )
        return page_of(Label, rows, total)

    @fields.query()
    async def projects(
        self, info: LoopInfo, limit: Limit = 50, offset: Offset = None, page: PageNumber = None
    ) -> Page[Project]:
        rows, total = await projects.list_projects(
            info.context.session, limit, offset_for(limit, offset, page)
        )
        return page_of(Project, rows, total)

    @fields.query()
    async def project(self, info: LoopInfo, id: strawberry.ID) -> Project:
        return from_row(Project, await projects.get_project(info.context.session, id))

    @fields.query()
    async def goals(
        self, info: LoopInfo, limit: Limit = 50, offset: Offset = None, page: PageNumber = None
    ) -> Page[Goal]:
        rows, total = await projects.list_goals(
            info.context.session, limit, offset_for(limit, offset, page)
        )
        return page_of(Goal, rows, total)

    @fields.query()
    async def goal(self, info: LoopInfo, id: strawberry.ID) -> Goal:
        return from_row(Goal, await projects.get_goal(info.context.session, id))

    @fields.query()
    async def templates(
        self, info: LoopInfo, limit: Limit = 50, offset: Offset = None, page: PageNumber = None
    ) -> Page[PromptTemplate]:
        rows, total = await prompts.list_templates(
            info.context.session, limit, offset_for(limit, offset, page)
        )
        return page_of(PromptTemplate, rows, total)

    @fields.query()
    async def template(self, info: LoopInfo, id: strawberry.ID) -> PromptTemplate:
        return from_row(PromptTemplate, await prompts.get_template(info.context.session, id))

    @fields.query(description="A template's versions, newest first.")
    async def template_versions(
        self,
        info: LoopInfo,
        template_id: strawberry.ID,
        limit: Limit = 50,
        offset: Offset = None,
        page: PageNumber = None,
    ) -> Page[PromptVersion]:
        rows, total = await prompts.list_versions(
            info.context.session, template_id, limit, offset_for(limit, offset, page)
        )
        return page_of(PromptVersion, rows, total)

    @fields.query(description="Reviews of all of a template's versions, oldest first.")
    async def template_reviews(
        self,
        info: LoopInfo,
        template_id: strawberry.ID,
        limit: Limit = 50,
        offset: Offset = None,
        page: PageNumber = None,
    ) -> Page[PromptReview]:
        rows, total = await prompts.list_template_reviews(
            info.context.session, template_id, limit, offset_for(limit, offset, page)
        )
        return page_of(PromptReview, rows, total)

    @fields.query(description="The template an issue would be dispatched with; claims nothing.")
    async def template_preview(self, info: LoopInfo, issue_id: strawberry.ID) -> TemplatePreview:
        context = info.context
        issue = await issues.get_issue(context.session, issue_id)
        chosen = await hydration.select_and_hydrate(
            context.session,
            issue,
            loop_url=context.domain_settings.public_url,
            loop_token=context.domain_settings.api_key,
        )
        if chosen is None:
            return TemplatePreview(
                issue=from_row(Issue, issue),
                template=None,
                version=None,
                prompt=None,
                message=NO_TEMPLATE,
            )
        return TemplatePreview(
            issue=from_row(Issue, issue),
            template=from_row(PromptTemplate, chosen.template),
            version=from_row(PromptVersion, chosen.version),
            prompt=chosen.prompt,
            message=f"Selected {chosen.template.slug} v{chosen.version.version}",
        )

    @fields.query(description="Claimable issues ranked by dispatch score; claims nothing.")
    async def dispatch_queue(
        self,
        info: LoopInfo,
        project_id: strawberry.ID | None = None,
        limit: Limit = 50,
        offset: Offset = None,
        page: PageNumber = None,
    ) -> Page[QueueEntry]:
        ranked, total = await dispatch.queue(
            info.context.session, project_id, limit, offset_for(limit, offset, page)
        )
        return Page(items=[QueueEntry.of(entry) for entry in ranked], total=total)

    @fields.query()
    async def dashboard_stats(self, info: LoopInfo) -> DashboardStats:
        stats = await dashboard.stats(info.context.session)
        issues, goals, queue = stats["issues"], stats["goals"], stats["dispatch"]
        return DashboardStats(
            issues=IssueStats(
                total=issues["total"], by_status=issues["byStatus"], by_type=issues["byType"]
            ),
            goals=GoalStats(**goals),
            dispatch=DispatchStats(
                queue_depth=queue["queueDepth"],
                active_count=queue["activeCount"],
                completed_last24h=queue["completedLast24h"],
            ),
        )

    @fields.query(description="Chains of related work, most recently active first.")
    async def dashboard_activity(
        self, info: LoopInfo, limit: Annotated[int, constrained(minimum=1, maximum=200)] = 20
    ) -> Page[ActivityChain]:
        chains, total = await dashboard.activity(info.context.session, limit)
        return Page(items=[ActivityChain.of(chain) for chain in chains], total=total)

    @fields.query(description="Every live template with its versions and review scores.")
    async def dashboard_prompts(self, info: LoopInfo) -> list[PromptHealth]:
        return [PromptHealth.of(health) for health in await dashboard.prompts(info.context.session)]
