"""Arkloop's queries."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained

from . import accounts, models, policy, runs, service
from .conversation_types import Message, Run, Thread, ThreadRun
from .repository import conversations as threads_repo
from .repository import runs as runs_repo
from .types import (
    Account,
    ApiKey,
    ArkloopInfo,
    CaptchaConfig,
    Health,
    Me,
    Project,
    Readiness,
    RegistrationMode,
    Usage,
    Workspace,
    WorkspaceFiles,
)
from .workspace import workspace, workspace_files

Limit = Annotated[int, constrained(minimum=1, maximum=200)]
RunStatus = Annotated[
    str | None,
    constrained(pattern="running|completed|failed|cancelled|interrupted|waiting_for_input"),
]


@strawberry.type
class CoreQuery:
    @fields.query(public=True, description="Liveness probe.")
    async def healthz(self) -> Health:
        return Health(status="ok")

    @fields.query(public=True, description="Readiness: the database answers and is migrated.")
    async def readyz(self, info: ArkloopInfo) -> Readiness:
        version = await service.readiness(info.context.database)
        if version is None:
            return Readiness(status="unavailable", reason="database unavailable")
        return Readiness(status="ok", schema_version=version)

    @fields.query(public=True)
    async def registration_mode(self, info: ArkloopInfo) -> RegistrationMode:
        return RegistrationMode(mode=info.context.domain_settings.registration_mode)

    @fields.query(public=True)
    async def captcha_config(self, info: ArkloopInfo) -> CaptchaConfig:
        site_key = info.context.domain_settings.turnstile_site_key
        return CaptchaConfig(enabled=site_key is not None, site_key=site_key)

    @fields.query()
    async def me(self, info: ArkloopInfo) -> Me:
        found = await accounts.profile(info.context.session, info.context.principal)
        return Me(
            id=found.user.id,
            username=found.user.username,
            email=found.user.email,
            email_verified=found.user.email_verified_at is not None,
            email_verification_required=False,
            created_at=found.user.created_at,
            account_id=found.account.id,
            org_id=found.account.id,
            org_name=found.account.name,
            role=found.role,
            permissions=found.permissions,
        )

    @fields.query(description="Token use of the caller's account in one month (default: now).")
    async def usage(
        self,
        info: ArkloopInfo,
        year: Annotated[int | None, constrained(minimum=1970, maximum=9999)] = None,
        month: Annotated[int | None, constrained(minimum=1, maximum=12)] = None,
    ) -> Usage:
        now = datetime.now(UTC)
        year, month = year or now.year, month or now.month
        account_id = info.context.principal.account_id
        used = await runs.month_usage(info.context.session, info.context.principal, year, month)
        return Usage(
            account_id=account_id,
            org_id=account_id,
            year=year,
            month=month,
            total_input_tokens=used[0],
            total_output_tokens=used[1],
            total_cost_usd=0.0,
            record_count=used[2],
        )

    @fields.query()
    async def api_keys(self, info: ArkloopInfo) -> list[ApiKey]:
        rows = await accounts.api_keys(info.context.session, info.context.principal)
        return [ApiKey.of(row) for row in rows]

    @fields.query(description="The accounts the caller is a member of, with their role.")
    async def my_accounts(self, info: ArkloopInfo) -> list[Account]:
        rows = await accounts.my_accounts(info.context.session, info.context.principal)
        return [_account(row, role) for row, role in rows]

    @fields.query()
    async def account(self, info: ArkloopInfo, id: strawberry.ID) -> Account:
        row, role = await accounts.get_account(info.context.session, info.context.principal, id)
        return _account(row, role)

    @policy.query(
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
        who = info.context.principal
        page = threads_repo.ThreadPage(
            account_id=who.account_id,
            user_id=who.user_id,
            limit=limit,
            project_id=project_id,
            before=service.cursor(before_updated_at or before_created_at, before_id),
        )
        return [Thread.of(row) for row in await service.list_threads(info.context.session, page)]

    @policy.query("data.threads.read")
    async def search_threads(
        self, info: ArkloopInfo, q: Annotated[str, constrained(max_length=500)], limit: Limit = 50
    ) -> list[Thread]:
        rows = await service.search_threads(info.context.session, info.context.principal, q, limit)
        return [Thread.of(row) for row in rows]

    @policy.query("data.threads.read")
    async def starred_threads(self, info: ArkloopInfo) -> list[Thread]:
        rows = await service.starred_threads(info.context.session, info.context.principal)
        return [Thread.of(row) for row in rows]

    @policy.query("data.threads.read")
    async def thread(self, info: ArkloopInfo, id: strawberry.ID) -> Thread:
        return Thread.of(await service.get_thread(info.context.session, info.context.principal, id))

    @policy.query("data.threads.read", description="The thread's latest messages, oldest first.")
    async def messages(
        self, info: ArkloopInfo, thread_id: strawberry.ID, limit: Limit = 50
    ) -> list[Message]:
        rows = await service.list_messages(
            info.context.session, info.context.principal, thread_id, limit
        )
        return [Message.of(row) for row in rows]

    @policy.query("data.runs.read")
    async def thread_runs(
        self, info: ArkloopInfo, thread_id: strawberry.ID, limit: Limit = 50
    ) -> list[ThreadRun]:
        who = info.context.principal
        thread = await service.get_thread(info.context.session, who, thread_id)
        where = runs_repo.RunFilter(account_id=who.account_id, limit=limit, thread_id=thread.id)
        return [
            ThreadRun(
                run_id=row.id,
                status=row.status,
                created_at=row.created_at,
                resume_from_run_id=row.resume_from_run_id,
            )
            for row in await runs.list_runs(info.context.session, where)
        ]

    @policy.query("data.runs.read", description="The account's runs, newest first.")
    async def runs(
        self,
        info: ArkloopInfo,
        limit: Limit = 50,
        status: RunStatus = None,
        before: strawberry.ID | None = None,
    ) -> list[Run]:
        who = info.context.principal
        cursor = None
        if before is not None:
            anchor = await runs.get_run(info.context.session, who, before)
            cursor = (anchor.created_at, anchor.id)
        where = runs_repo.RunFilter(
            account_id=who.account_id, limit=limit, status=status, before=cursor
        )
        return [Run.of(row) for row in await runs.list_runs(info.context.session, where)]

    @policy.query("data.runs.read")
    async def run(self, info: ArkloopInfo, id: strawberry.ID) -> Run:
        return Run.of(await runs.get_run(info.context.session, info.context.principal, id))

    @policy.query("data.projects.read")
    async def projects(self, info: ArkloopInfo) -> list[Project]:
        rows = await service.list_projects(info.context.session, info.context.principal)
        return [Project.of(row) for row in rows]

    @policy.query("data.projects.read")
    async def project(self, info: ArkloopInfo, id: strawberry.ID) -> Project:
        row = await service.get_project(info.context.session, info.context.principal, id)
        return Project.of(row)

    @policy.query("data.projects.read")
    async def project_workspace(self, info: ArkloopInfo, id: strawberry.ID) -> Workspace:
        row = await service.get_project(info.context.session, info.context.principal, id)
        return workspace(Path(info.context.domain_settings.workspace_root), row)

    @policy.query("data.projects.read")
    async def project_workspace_files(
        self,
        info: ArkloopInfo,
        id: strawberry.ID,
        path: Annotated[str, constrained(max_length=4096)] = "/",
    ) -> WorkspaceFiles:
        row = await service.get_project(info.context.session, info.context.principal, id)
        return workspace_files(Path(info.context.domain_settings.workspace_root), row, path)


def _account(row: models.Account, role: str) -> Account:
    return Account(
        id=row.id, slug=row.slug, name=row.name, type=row.type, created_at=row.created_at, role=role
    )
