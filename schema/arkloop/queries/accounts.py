"""The caller's profile, usage, API keys and accounts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained

from ..service import accounts, runs
from ..types.accounts import Account, ApiKey, Me, Usage
from ..types.common import ArkloopInfo


@strawberry.type
class AccountQuery:
    @fields.query()
    async def me(self, info: ArkloopInfo) -> Me:
        return Me.of(await accounts.profile(info.context.session, info.context.principal))

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
            total_cost_usd=used[3],
            record_count=used[2],
        )

    @fields.query()
    async def api_keys(self, info: ArkloopInfo) -> list[ApiKey]:
        rows = await accounts.api_keys(info.context.session, info.context.principal)
        return [ApiKey.of(row) for row in rows]

    @fields.query(description="The accounts the caller is a member of, with their role.")
    async def my_accounts(self, info: ArkloopInfo) -> list[Account]:
        rows = await accounts.my_accounts(info.context.session, info.context.principal)
        return [Account.of(row, role) for row, role in rows]

    @fields.query()
    async def account(self, info: ArkloopInfo, id: strawberry.ID) -> Account:
        row, role = await accounts.get_account(info.context.session, info.context.principal, id)
        return Account.of(row, role)
