"""Loop's queries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from app.pagination import offset_for
from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import from_row, from_rows

from . import repository as repo
from . import service
from .models import IssueStatus, IssueType
from .types import (
    Comment,
    Goal,
    Health,
    Issue,
    Label,
    LoopInfo,
    Page,
    Project,
    ServiceInfo,
    page_of,
)

SERVICE_NAME = "Loop API"
SERVICE_VERSION = "0.1.0"

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
class CoreQuery:
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
        where = repo.IssueFilter(
            statuses=[s.value for s in status] if status else None,
            types=[t.value for t in type] if type else None,
            project_id=project_id,
            label_id=label_id,
            priority=priority,
            parent_id=parent_id,
        )
        rows, total = await service.list_issues(
            info.context.session, where, limit, offset_for(limit, offset, page)
        )
        return page_of(Issue, rows, total)

    @fields.query()
    async def issue(self, info: LoopInfo, id: strawberry.ID) -> Issue:
        return from_row(Issue, await service.read_issue(info.context.session, id))

    @fields.query(description="Top-level comments of an issue, each with its replies.")
    async def comments(self, info: LoopInfo, issue_id: strawberry.ID) -> list[Comment]:
        rows = await service.list_comments(info.context.session, issue_id)
        return from_rows(Comment, rows)

    @fields.query()
    async def labels(
        self, info: LoopInfo, limit: Limit = 50, offset: Offset = None, page: PageNumber = None
    ) -> Page[Label]:
        rows, total = await service.list_labels(
            info.context.session, limit, offset_for(limit, offset, page)
        )
        return page_of(Label, rows, total)

    @fields.query()
    async def projects(
        self, info: LoopInfo, limit: Limit = 50, offset: Offset = None, page: PageNumber = None
    ) -> Page[Project]:
        rows, total = await service.list_projects(
            info.context.session, limit, offset_for(limit, offset, page)
        )
        return page_of(Project, rows, total)

    @fields.query()
    async def project(self, info: LoopInfo, id: strawberry.ID) -> Project:
        return from_row(Project, await service.read_project(info.context.session, id))

    @fields.query()
    async def goals(
        self, info: LoopInfo, limit: Limit = 50, offset: Offset = None, page: PageNumber = None
    ) -> Page[Goal]:
        rows, total = await service.list_goals(
            info.context.session, limit, offset_for(limit, offset, page)
        )
        return page_of(Goal, rows, total)

    @fields.query()
    async def goal(self, info: LoopInfo, id: strawberry.ID) -> Goal:
        return from_row(Goal, await service.read_goal(info.context.session, id))
