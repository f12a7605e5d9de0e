"""Disk usage and task sessions."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.constraints import nullable


@strawberry.type
class UsageCategory:
    key: str
    label: str
    size_bytes: float


@strawberry.type
class DiskUsage:
    total_bytes: float
    categories: list[UsageCategory]


@strawberry.type
class StorageSession:
    task_id: str
    size_bytes: float
    modified_time: datetime


@strawberry.type
class StorageSessions:
    sessions: list[StorageSession]


@strawberry.type
class StorageSessionAnswer:
    session: StorageSession


@strawberry.type
class Cleaned:
    category: str
    deleted: int


@strawberry.type
class SessionsDeleted:
    deleted: int


@strawberry.type
class SessionDeleted:
    deleted: bool


@strawberry.input
class CleanupInput:
    category: str | None = nullable(max_length=40)


@strawberry.input
class SessionsDeleteInput:
    older_than_days: float | None = nullable(minimum=0, maximum=100_000)
    delete_all: bool | None = nullable()
