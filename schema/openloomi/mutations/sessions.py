"""Freeing disk space: task sessions removed, a category cleaned up."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..context import Info
from ..service import sessions
from ..types import given
from ..types.sessions import (
    Cleaned,
    CleanupInput,
    SessionDeleted,
    SessionsDeleted,
    SessionsDeleteInput,
)


@strawberry.type
class SessionMutation:
    @fields.mutation(
        description="Empty a category: `sessions` (every task's folder), or `logs`, `cache`, "
        "`browser-temp` (not kept by this server: nothing to delete)."
    )
    async def cleanup_storage(self, info: Info, input: CleanupInput) -> Cleaned:
        category = given(input).get("category")
        deleted = sessions.cleanup(
            info.context.domain_settings, info.context.principal.user_id, category
        )
        return Cleaned(category=str(category), deleted=deleted)

    @fields.mutation(description="Remove task sessions older than some days, or all of them.")
    async def delete_storage_sessions(
        self, info: Info, input: SessionsDeleteInput
    ) -> SessionsDeleted:
        sent = given(input)
        deleted = sessions.delete_many(
            info.context.domain_settings,
            info.context.principal.user_id,
            sent.get("older_than_days"),
            bool(sent.get("delete_all")),
        )
        return SessionsDeleted(deleted=deleted)

    @fields.mutation(description="Remove one task session and its files.")
    async def delete_storage_session(self, info: Info, task_id: str) -> SessionDeleted:
        sessions.delete(info.context.domain_settings, info.context.principal.user_id, task_id)
        return SessionDeleted(deleted=True)
