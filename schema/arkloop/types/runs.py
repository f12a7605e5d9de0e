"""Runs, the answer that starts one, and run events."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.scalars import JSONObject

from .. import models
from ..loaders import UserById
from ..models import as_utc
from .common import ID, ArkloopInfo


@strawberry.type
class RunCreated:
    run_id: ID
    trace_id: str


@strawberry.type
class ThreadRun:
    run_id: ID
    status: str
    created_at: datetime
    resume_from_run_id: ID | None

    @classmethod
    def of(cls, row: models.Run) -> ThreadRun:
        return cls(
            run_id=row.id,
            status=row.status,
            created_at=row.created_at,
            resume_from_run_id=row.resume_from_run_id,
        )


@strawberry.type
class Run:
    run_id: ID
    account_id: ID
    org_id: ID
    thread_id: ID
    created_by_user_id: ID | None
    parent_run_id: ID | None
    status: str
    persona_id: str | None
    model: str | None
    total_input_tokens: int | None
    total_output_tokens: int | None
    total_cost_usd: float | None
    duration_ms: int | None
    cache_hit_rate: float | None
    credits_used: int | None
    created_at: datetime
    completed_at: datetime | None
    failed_at: datetime | None
    trace_id: str

    @strawberry.field
    async def child_run_ids(self) -> list[ID]:
        return []  # sub-runs are not started by any persona this server runs

    @strawberry.field
    async def created_by_user_name(self, info: ArkloopInfo) -> str | None:
        user = await _creator(self, info)
        return user.username if user else None

    @strawberry.field
    async def created_by_email(self, info: ArkloopInfo) -> str | None:
        user = await _creator(self, info)
        return user.email if user else None

    @classmethod
    def of(cls, row: models.Run) -> Run:
        return cls(
            run_id=row.id,
            account_id=row.account_id,
            org_id=row.account_id,
            thread_id=row.thread_id,
            created_by_user_id=row.created_by_user_id,
            parent_run_id=row.parent_run_id,
            status=row.status,
            persona_id=row.persona_id,
            model=row.model,
            total_input_tokens=row.total_input_tokens,
            total_output_tokens=row.total_output_tokens,
            total_cost_usd=row.total_cost_usd,
            duration_ms=row.duration_ms,
            cache_hit_rate=None,
            credits_used=None,
            created_at=row.created_at,
            completed_at=row.completed_at,
            failed_at=row.failed_at,
            trace_id=row.trace_id,
        )


async def _creator(run: Run, info: ArkloopInfo) -> models.User | None:
    if run.created_by_user_id is None:
        return None
    return await info.context.loaders[UserById].load(run.created_by_user_id)


@strawberry.type
class RunEvent:
    event_id: ID
    run_id: ID
    seq: int
    ts: datetime
    type: str
    data: JSONObject

    @classmethod
    def of(cls, event: models.RunEvent) -> RunEvent:
        return cls(
            event_id=event.id,
            run_id=event.run_id,
            seq=event.seq,
            ts=as_utc(event.ts),
            type=event.type,
            data=event.data,
        )
