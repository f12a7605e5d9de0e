"""Threads, messages and projects. `org_id` repeats `account_id`, the name Arkloop's
documentation uses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from schema._shared.repository import Row
from schema._shared.scalars import JSONObject

from .. import models
from .common import ID


@strawberry.type
class Thread:
    id: ID
    account_id: ID
    org_id: ID
    created_by_user_id: ID
    title: str | None
    project_id: ID | None
    created_at: datetime
    updated_at: datetime
    active_run_id: ID | None
    is_private: bool
    parent_thread_id: ID | None

    @classmethod
    def of(cls, row: models.Thread) -> Thread:
        return cls(**thread_fields(row))


def thread_fields(row: models.Thread) -> dict[str, Any]:
    return {
        "id": row.id,
        "account_id": row.account_id,
        "org_id": row.account_id,
        "created_by_user_id": row.created_by_user_id,
        "title": row.title,
        "project_id": row.project_id,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "active_run_id": row.active_run_id,
        "is_private": row.is_private,
        "parent_thread_id": row.parent_thread_id,
    }


@strawberry.type
class IdMapping:
    old_id: ID
    new_id: ID


@strawberry.type
class ForkedThread(Thread):
    id_mapping: list[IdMapping]


@strawberry.type
class Message:
    id: ID
    account_id: ID
    org_id: ID
    thread_id: ID
    created_by_user_id: ID | None
    run_id: ID | None
    role: str
    content: str
    content_json: JSONObject | None
    created_at: datetime

    @classmethod
    def of(cls, row: models.Message) -> Message:
        return cls(
            id=row.id,
            account_id=row.account_id,
            org_id=row.account_id,
            thread_id=row.thread_id,
            created_by_user_id=row.created_by_user_id,
            run_id=row.run_id,
            role=row.role,
            content=row.content,
            content_json=row.content_json,
            created_at=row.created_at,
        )


@strawberry.type
class Project:
    id: ID
    account_id: ID
    org_id: ID
    team_id: ID | None
    name: str
    description: str | None
    visibility: str
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> Project:
        return cls(
            id=row.id,
            account_id=row.account_id,
            org_id=row.account_id,
            team_id=row.team_id,
            name=row.name,
            description=row.description,
            visibility=row.visibility,
            created_at=row.created_at,
        )
