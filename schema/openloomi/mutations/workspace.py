"""Writing and deleting the files of task workspaces."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..context import Info
from ..service import workspace
from ..types import given
from ..types.auth import Success
from ..types.workspace import WorkspaceWriteInput, Written


@strawberry.type
class WorkspaceMutation:
    @fields.mutation(description="Write a text file in a task's workspace.")
    async def write_workspace_file(self, info: Info, input: WorkspaceWriteInput) -> Written:
        sent = given(input)
        workspace.write(
            info.context.domain_settings,
            info.context.principal.user_id,
            sent.get("task_id"),
            sent.get("path"),
            sent.get("content") or "",
        )
        return Written(success=True, message="File written successfully")

    @fields.mutation(description="Delete a file of a task's workspace.")
    async def delete_workspace_file(self, info: Info, task_id: str, path: str) -> Success:
        workspace.delete(
            info.context.domain_settings, info.context.principal.user_id, task_id, path
        )
        return Success(success=True)
