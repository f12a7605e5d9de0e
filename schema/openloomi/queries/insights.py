"""The user's insights."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import from_row, from_rows

from ..context import Info
from ..service import insights
from ..types.insights import Insight, InsightFetched, InsightPage, InsightRefresh

ALL = "all"
InsightLookup = Annotated[InsightFetched | InsightRefresh, strawberry.union("InsightLookup")]


@strawberry.type
class InsightQuery:
    @fields.query(
        description="The user's insights changed within `days` (0: any time), newest first; "
        "`startingAfter` and `endingBefore` (insight ids) page through them."
    )
    async def insights(
        self,
        info: Info,
        days: Annotated[int, constrained(minimum=0)] = 1,
        limit: Annotated[int, constrained(minimum=1, maximum=200)] = 50,
        starting_after: strawberry.ID | None = None,
        ending_before: strawberry.ID | None = None,
    ) -> InsightPage:
        found, more = await insights.recent(
            info.context.session,
            info.context.principal.user_id,
            days,
            limit,
            starting_after,
            ending_before,
        )
        return InsightPage(
            items=from_rows(Insight, found),
            has_more=more,
            percent=100,
            sessions=[],
            raw_messages_included=False,
        )

    @fields.query(description="One insight of the user's.")
    async def insight(self, info: Info, id: strawberry.ID) -> Insight:
        row = await insights.owned(info.context.session, info.context.principal.user_id, id)
        return from_row(Insight, row)

    @fields.query(
        description="With `fetch`, one insight; without, `id` is a bot's id or `all`, and the "
        "insights of those bots are refreshed (no bot extracts insights in this deployment, "
        "so none succeeds or fails)."
    )
    async def insight_lookup(
        self, info: Info, id: strawberry.ID, fetch: bool | None = None
    ) -> InsightLookup:
        user_id = info.context.principal.user_id
        if fetch and id != ALL:
            row = await insights.owned(info.context.session, user_id, id)
            return InsightFetched(insight=from_row(Insight, row))
        return InsightRefresh(successful=0, failed=0, errors=[])
