"""Insight tabs and feedback."""

from __future__ import annotations

import strawberry

from schema._shared import fields
from schema._shared.rows import from_row

from ..context import Info
from ..service import tabs
from ..types import given
from ..types.auth import Success
from ..types.tabs import (
    FeedbackInput,
    FeedbackSent,
    InsightTab,
    ReorderInput,
    TabChangeInput,
    TabInput,
    TabResult,
)


@strawberry.type
class TabMutation:
    @fields.mutation(description="Add an insight tab after the others.")
    async def create_insight_tab(self, info: Info, input: TabInput) -> TabResult:
        sent = given(input)
        row = await tabs.create(
            info.context.session,
            info.context.principal.user_id,
            sent.get("name"),
            sent.get("filter"),
        )
        return TabResult(tab=from_row(InsightTab, row))

    @fields.mutation(description="Rename an insight tab, change its filter, or turn it off.")
    async def change_insight_tab(
        self, info: Info, id: strawberry.ID, input: TabChangeInput
    ) -> TabResult:
        changes = {name: value for name, value in given(input).items() if value is not None}
        row = await tabs.change(info.context.session, info.context.principal.user_id, id, changes)
        return TabResult(tab=from_row(InsightTab, row))

    @fields.mutation(description="Delete an insight tab.")
    async def delete_insight_tab(self, info: Info, id: strawberry.ID) -> Success:
        await tabs.delete(info.context.session, info.context.principal.user_id, id)
        return Success(success=True)

    @fields.mutation(description="Put the tabs named first, in the order named.")
    async def reorder_insight_tabs(self, info: Info, input: ReorderInput) -> Success:
        ids = given(input).get("tab_ids")
        await tabs.reorder(
            info.context.session,
            info.context.principal.user_id,
            [str(id) for id in ids] if ids is not None else None,
        )
        return Success(success=True)

    @fields.mutation(description="Send feedback about the app.")
    async def remote_feedback(self, info: Info, input: FeedbackInput) -> FeedbackSent:
        sent = given(input)
        if input.system_info:
            sent["system_info"] = given(input.system_info)
        row = await tabs.give_feedback(info.context.session, info.context.principal.user_id, sent)
        return FeedbackSent(
            success=True, message="Thank you for your feedback!", feedback_id=row.id
        )
