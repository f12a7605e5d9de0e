"""Threads, messages, runs and projects (with their workspaces), each behind its permission."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from schema._shared.constraints import constrained

from ..context import permitted_query
from ..service import conversations, runs, workspace
from ..types.common import ArkloopInfo
from ..types.conversations import Message, Project, Thread
from ..types.runs import Run, ThreadRun
from ..types.workspace import Workspace, WorkspaceFiles

Limit = Annotated[int, constrained(minimum=1, maximum=200)]
RunStatus = Annotated[
    str | None,
    constrained(pattern="running|completed|failed|cancelled|interrupted|waiting_for_input"),
]


@strawberry.type
class ConversationQuery:
    @permitted_query(
        "data.threads.read",
        description="Threads by latest activity; page with the last item's "
        "`updated_at` and `id` as `before_updated_at` and `before_id`.",
    )
    async def threads(
        self,
        info: ArkloopInfo,
        limit: Limit = 50,
        project_id: strawberry.ID | None = None,
        before_updated_at: datetime | None = None,
        before_created_at: datetime | None = None,
        before_id: strawberry.ID | None = None,
    ) -> list[Thread]:
        rows = await conversations.list_threads(
            info.context.session,
            info.context.principal,
            limit,
            project_id,
            before_updated_at or before_created_at,
            before_id,
        )
        return [Thread.of(row) for row in rows]

    @permitted_query("data.threads.read")
    async def search_threads(
        self, info: ArkloopInfo, q: Annotated[str, constrained(max_length=500)], limit: Limit = 50
    ) -> list[Thread]:
        rows = await conversations.search_threads(
            info.context.session, info.context.principal, q, limit
        )
        return [Thread.of(row) for row in rows]

    @permitted_query("data.threads.read")
    async def starred_threads(self, info: ArkloopInfo) -> list[Thread]:
        rows = await conversations.starred_threads(info.context.session, info.context.principal)
        return [Thread.of(row) for row in rows]

    @permitted_query("data.threads.read")
    async def thread(self, info: ArkloopInfo, id: strawberry.ID) -> Thread:
        row = await conversations.get_thread(info.context.session, info.context.principal, id)
        return Thread.of(row)

    @permitted_query("data.threads.read", description="The thread's latest messages, oldest first.")
    async def messages(
        self, info: ArkloopInfo, thread_id: strawberry.ID, limit: Limit = 50
    ) -> list[Message]:
        rows = await conversations.list_messages(
            info.context.session, info.context.principal, thread_id, limit
        )
        return [Message.of(row) for row in rows]

    @permitted_query("data.runs.read")
    async def thread_runs(
        self, info: ArkloopInfo, thread_id: strawberry.ID, limit: Limit = 50
    ) -> list[ThreadRun]:
        rows = await runs.thread_runs(
            info.context.session, info.context.principal, thread_id, limit
        )
        return [ThreadRun.of(row) for row in rows]

    @permitted_query("data.runs.read", description="The account's runs, newest first.")
    async def runs(
        self,
        info: ArkloopInfo,
        limit: Limit = 50,
        status: RunStatus = None,
        before: strawberry.ID | None = None,
    ) -> list[Run]:
        rows = await runs.list_runs(
            info.context.session, info.context.principal, limit, status, before
        )
        return [Run.of(row) for row in rows]

    @permitted_query("data.runs.read")
    async def run(self, info: ArkloopInfo, id: strawberry.ID) -> Run:
        return Run.of(await runs.get_run(info.context.session, info.context.principal, id))

    @permitted_query("data.projects.read")
    async def projects(self, info: ArkloopInfo) -> list[Project]:
        rows = await conversations.list_projects(info.context.session, info.context.principal)
        return [Project.of(row) for row in rows]

    @permitted_query("data.projects.read")
    async def project(self, info: ArkloopInfo, id: strawberry.ID) -> Project:
        row = await conversations.get_project(info.context.session, info.context.principal, id)
        return Project.of(row)

    @permitted_query("data.projects.read")
    async def project_workspace(self, info: ArkloopInfo, id: strawberry.ID) -> Workspace:
        ctx = info.context
        return Workspace.of(
            await workspace.workspace(ctx.session, ctx.domain_settings, ctx.principal, id)
        )

    @permitted_query("data.projects.read")
    async def project_workspace_files(
        self,
        info: ArkloopInfo,
        id: strawberry.ID,
        path: Annotated[str, constrained(max_length=4096)] = "/",
    ) -> WorkspaceFiles:
        ctx = info.context
        listing = await workspace.workspace_files(
            ctx.session, ctx.domain_settings, ctx.principal, id, path
        )
        return WorkspaceFiles.of(listing)
