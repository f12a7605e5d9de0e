"""The caller's account's credits."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..service import credits
from ..types.common import ArkloopInfo
from ..types.credits import Credits, CreditTransaction


@strawberry.type
class CreditsQuery:
    @fields.query(description="The account's credit balance and its latest 100 ledger entries.")
    async def credits(self, info: ArkloopInfo) -> Credits:
        ctx = info.context
        balance, entries = await credits.mine(ctx.session, ctx.principal)
        return Credits(balance=balance, transactions=[CreditTransaction.of(e) for e in entries])
