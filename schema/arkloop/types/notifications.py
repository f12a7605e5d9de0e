"""Notifications and what marking them read answers."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.repository import Row
from schema._shared.scalars import JSONObject

from .common import ID


@strawberry.type
class Notification:
    id: ID
    user_id: ID
    account_id: ID
    org_id: ID
    type: str
    title: str
    body: str
    payload: JSONObject
    read_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> Notification:
        return cls(
            id=row.id,
            user_id=row.user_id,
            account_id=row.account_id,
            org_id=row.account_id,
            type=row.type,
            title=row.title,
            body=row.body,
            payload=row.payload,
            read_at=row.read_at,
            created_at=row.created_at,
        )


@strawberry.type
class Notifications:
    data: list[Notification]


@strawberry.type
class MarkedRead:
    ok: bool
    count: int
