"""Connected accounts and contacts."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import from_row, from_rows

from ..context import Info
from ..repository import accounts
from ..service import integrations, messaging
from ..types.integrations import Account, Accounts, Contact, ContactPage, Pagination


@strawberry.type
class IntegrationQuery:
    @fields.query(description="The user's connected accounts, newest first, with their bots.")
    async def accounts(self, info: Info) -> Accounts:
        found = await accounts.all_of(info.context.session, info.context.principal.user_id)
        return Accounts(accounts=from_rows(Account, found))

    @fields.query(description="One connected account.")
    async def account(self, info: Info, id: strawberry.ID) -> Account:
        row = await integrations.owned(info.context.session, info.context.principal.user_id, id)
        return from_row(Account, row)

    @fields.query(description="The user's contacts whose name holds `name`, by name.")
    async def contacts(
        self,
        info: Info,
        name: Annotated[str | None, constrained(max_length=200)] = None,
        page: Annotated[int, constrained(minimum=1)] = 1,
        page_size: Annotated[int, constrained(minimum=1, maximum=100)] = 10,
    ) -> ContactPage:
        found, pagination = await messaging.contact_page(
            info.context.session, info.context.principal.user_id, name, page, page_size
        )
        return ContactPage(
            success=True, contacts=from_rows(Contact, found), pagination=Pagination(**pagination)
        )
