"""The caller's profile, API keys and accounts."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..service import accounts
from ..types.accounts import Account, CreatedApiKey, UsernameUpdated, created_key
from ..types.common import ArkloopInfo
from ..types.inputs import CreateAccountInput, CreateApiKeyInput, UpdateMeInput


@strawberry.type
class AccountMutation:
    @fields.mutation()
    async def update_me(self, info: ArkloopInfo, input: UpdateMeInput) -> UsernameUpdated:
        user = await accounts.rename(info.context.session, info.context.principal, input.username)
        return UsernameUpdated(username=user.username)

    @fields.mutation(description="The key is in the answer this once; only its hash is kept.")
    async def create_api_key(self, info: ArkloopInfo, input: CreateApiKeyInput) -> CreatedApiKey:
        scopes = input.scopes if isinstance(input.scopes, list) else []
        row, secret = await accounts.create_api_key(
            info.context.session, info.context.principal, input.name, scopes
        )
        return created_key(row, secret)

    @fields.mutation()
    async def revoke_api_key(self, info: ArkloopInfo, id: strawberry.ID) -> bool:
        await accounts.revoke_api_key(info.context.session, info.context.principal, id)
        return True

    @fields.mutation(description="A workspace account, owned by the caller.")
    async def create_account(self, info: ArkloopInfo, input: CreateAccountInput) -> Account:
        ctx = info.context
        row = await accounts.create_account(
            ctx.session, ctx.domain_settings, ctx.principal, input.slug, input.name
        )
        return Account.of(row, role="owner")
