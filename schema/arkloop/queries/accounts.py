"""The caller's profile, usage, API keys and accounts."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..service import accounts
from ..types.accounts import Account, ApiKey, Me
from ..types.common import ArkloopInfo


@strawberry.type
class AccountQuery:
    @fields.query()
    async def me(self, info: ArkloopInfo) -> Me:
        return Me.of(await accounts.profile(info.context.session, info.context.principal))

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
