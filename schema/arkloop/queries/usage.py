"""Token use and cost: the caller's account (no `account_id`) or another of its accounts, by
month, by day and by model."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained

from ..service import usage
from ..types.accounts import Usage
from ..types.common import ArkloopInfo
from ..types.usage import DailyUsage, ModelUsage

Year = Annotated[int | None, constrained(minimum=1970, maximum=9999)]
Month = Annotated[int | None, constrained(minimum=1, maximum=12)]
Day = Annotated[str, constrained(min_length=10, max_length=10)]


@strawberry.type
class UsageQuery:
    @fields.query(description="Token use of an account in one month (default: this month).")
    async def usage(
        self,
        info: ArkloopInfo,
        account_id: strawberry.ID | None = None,
        year: Year = None,
        month: Month = None,
    ) -> Usage:
        ctx = info.context
        account, year, month, used = await usage.monthly(
            ctx.session, ctx.principal, account_id, year, month
        )
        return Usage(
            account_id=account,
            org_id=account,
            year=year,
            month=month,
            total_input_tokens=used[0],
            total_output_tokens=used[1],
            total_cost_usd=used[3],
            record_count=used[2],
        )

    @fields.query(description="Token use per UTC day from `start` to `end` (YYYY-MM-DD).")
    async def usage_daily(
        self, info: ArkloopInfo, start: Day, end: Day, account_id: strawberry.ID | None = None
    ) -> list[DailyUsage]:
        ctx = info.context
        found = await usage.daily(ctx.session, ctx.principal, account_id, start, end)
        return [DailyUsage.of(group) for group in found]

    @fields.query(description="Token use per model selector in one month.")
    async def usage_by_model(
        self,
        info: ArkloopInfo,
        account_id: strawberry.ID | None = None,
        year: Year = None,
        month: Month = None,
    ) -> list[ModelUsage]:
        ctx = info.context
        found = await usage.by_model(ctx.session, ctx.principal, account_id, year, month)
        return [ModelUsage.of(group) for group in found]
