"""Insight tabs and the billing ledger."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import Constraints, constrained
from schema._shared.rows import from_rows

from ..context import Info
from ..repository import tabs
from ..types.tabs import InsightTab, Ledger, Tabs


@strawberry.type
class TabQuery:
    @fields.query(description="The user's insight tabs, in their order.")
    async def insight_tabs(self, info: Info) -> Tabs:
        found = await tabs.ordered(info.context.session, info.context.principal.user_id)
        return Tabs(tabs=from_rows(InsightTab, found))

    @fields.query(
        description="The user's billing ledger: billing is the cloud service's, so none is "
        "kept here and the ledger is empty."
    )
    async def billing_ledger(
        self,
        info: Info,
        limit: Annotated[int, constrained(minimum=1, maximum=100)] = 20,
        offset: Annotated[int, constrained(minimum=0)] = 0,
        # Not `source`, which Strawberry's field extensions take as the parent value.
        kind: Annotated[
            str | None,
            strawberry.argument(name="source", directives=[Constraints(max_length=40)]),
        ] = None,
    ) -> Ledger:
        return Ledger(items=[], total=0, limit=limit, offset=offset)
