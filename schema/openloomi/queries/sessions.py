"""Disk usage and task sessions."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..context import Info
from ..service import sessions
from ..types.sessions import (
    DiskUsage,
    StorageSession,
    StorageSessionAnswer,
    StorageSessions,
    UsageCategory,
)


def shown(found: sessions.Session) -> StorageSession:
    return StorageSession(**vars(found))


@strawberry.type
class SessionQuery:
    @fields.query(description="What the user keeps on disk, by kind.")
    async def disk_usage(self, info: Info) -> DiskUsage:
        found = sessions.disk_usage(info.context.domain_settings, info.context.principal.user_id)
        return DiskUsage(
            total_bytes=sum(size for _, _, size in found),
            categories=[UsageCategory(key=k, label=label, size_bytes=s) for k, label, s in found],
        )

    @fields.query(description="The user's task sessions, the newest first.")
    async def storage_sessions(self, info: Info) -> StorageSessions:
        found = sessions.listing(info.context.domain_settings, info.context.principal.user_id)
        return StorageSessions(sessions=[shown(session) for session in found])

    @fields.query(description="One task session.")
    async def storage_session(self, info: Info, task_id: str) -> StorageSessionAnswer:
        found = sessions.get(info.context.domain_settings, info.context.principal.user_id, task_id)
        return StorageSessionAnswer(session=shown(found))
