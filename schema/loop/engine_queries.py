"""Queries of Loop's engine: templates, previews, the dispatch queue and the dashboard."""

from __future__ import annotations

from typing import Annotated

import strawberry

from app.pagination import offset_for
from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import from_row

from . import dashboard, dispatch, prompts, service
from .queries import Limit, Offset, PageNumber
from .types import (
    ActivityChain,
    DashboardStats,
    DispatchStats,
    GoalStats,
    Issue,
    IssueStats,
    LoopInfo,
    Page,
    PromptHealth,
    PromptReview,
    PromptTemplate,
    PromptVersion,
    QueueEntry,
    TemplatePreview,
    page_of,
)

NO_TEMPLATE = "No matching template found"


@strawberry.type
class EngineQuery:
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
        issue = await service.get_issue(context.session, issue_id)
        chosen = await prompts.select_and_hydrate(
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
