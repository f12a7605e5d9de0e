"""Insight tabs, feedback, and the billing ledger."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.constraints import nullable, required
from schema._shared.scalars import JSONObject


@strawberry.type
class InsightTab:
    id: strawberry.ID
    name: str
    filter: JSONObject
    enabled: bool
    position: int
    created_at: datetime
    updated_at: datetime


@strawberry.type
class Tabs:
    tabs: list[InsightTab]


@strawberry.type
class TabResult:
    tab: InsightTab


@strawberry.type
class FeedbackSent:
    success: bool
    message: str
    feedback_id: strawberry.ID


@strawberry.type(description="A ledger entry (none is kept here: billing is the cloud's).")
class LedgerItem:
    id: strawberry.ID
    created_at: datetime
    source: str
    description: str
    delta: float
    balance_after: float


@strawberry.type
class Ledger:
    items: list[LedgerItem]
    total: int
    limit: int
    offset: int


@strawberry.input
class TabInput:
    name: str | None = nullable(max_length=200)
    filter: JSONObject | None = nullable()


@strawberry.input
class TabChangeInput:
    name: str | None = nullable(min_length=1, max_length=200)
    filter: JSONObject | None = nullable()
    enabled: bool | None = nullable()


@strawberry.input
class ReorderInput:
    tab_ids: list[strawberry.ID] | None = nullable()


@strawberry.input
class SystemInfo:
    platform: str | None = nullable(max_length=200)
    app_version: str | None = nullable(max_length=200)
    os_version: str | None = nullable(max_length=200)


@strawberry.input
class FeedbackInput:
    content: str = required(min_length=1, max_length=500)
    email: str | None = nullable(max_length=320)
    system_info: SystemInfo | None = nullable()
