"""Marking the caller's notifications read."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..service import notifications
from ..types.common import ArkloopInfo, Ok
from ..types.notifications import MarkedRead


@strawberry.type
class NotificationMutation:
    @fields.mutation(description="Marks every unread notification read; `count` says how many.")
    async def mark_all_notifications_read(self, info: ArkloopInfo) -> MarkedRead:
        ctx = info.context
        return MarkedRead(
            ok=True, count=await notifications.mark_all_read(ctx.session, ctx.principal)
        )

    @fields.mutation()
    async def mark_notification_read(self, info: ArkloopInfo, id: strawberry.ID) -> Ok:
        await notifications.mark_read(info.context.session, info.context.principal, id)
        return Ok()
