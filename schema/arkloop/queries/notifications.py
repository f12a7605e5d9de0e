"""The caller's notifications."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained

from ..service import notifications
from ..types.common import ArkloopInfo
from ..types.notifications import Notification, Notifications

Type = Annotated[str | None, constrained(min_length=1, max_length=64)]


@strawberry.type
class NotificationQuery:
    @fields.query(description="The caller's latest 200 notifications in this account.")
    async def notifications(
        self, info: ArkloopInfo, unread_only: bool = False, type: Type = None
    ) -> Notifications:
        ctx = info.context
        found = await notifications.mine(ctx.session, ctx.principal, unread_only, type)
        return Notifications(data=[Notification.of(row) for row in found])
