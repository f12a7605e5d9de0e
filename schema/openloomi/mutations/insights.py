"""Adding, changing and deleting insights."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..context import Info
from ..service import insights
from ..types import given
from ..types.insights import (
    InsightCreated,
    InsightInput,
    InsightUpdated,
    InsightUpdateInput,
    Message,
)


@strawberry.type
class InsightMutation:
    @fields.mutation(description="Add an insight by hand (platform `manual` unless given).")
    async def create_insight(self, info: Info, input: InsightInput) -> InsightCreated:
        row = await insights.create(
            info.context.session, info.context.principal.user_id, given(input)
        )
        return InsightCreated(id=row.id, message="Insight created successfully")

    @fields.mutation(
        description="Change an insight: `details` and `timeline` entries are appended, the "
        "other fields sent replace what is kept."
    )
    async def update_insight(
        self, info: Info, id: strawberry.ID, input: InsightUpdateInput
    ) -> InsightUpdated:
        updates = input.updates
        changes = given(updates) if updates not in (None, strawberry.UNSET) else None
        row = await insights.update(
            info.context.session, info.context.principal.user_id, id, changes
        )
        return InsightUpdated(message="Insight updated successfully", id=row.id)

    @fields.mutation(description="Delete an insight.")
    async def delete_insight(self, info: Info, id: strawberry.ID) -> Message:
        await insights.delete(info.context.session, info.context.principal.user_id, id)
        return Message(message="Insights deleted successfully")
