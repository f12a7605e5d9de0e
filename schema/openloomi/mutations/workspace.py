"""Writing and deleting the files of task workspaces."""

from __future__ import annotations

import strawberry

from app.errors import BadRequest
from schema._shared import fields

from ..context import Info
from ..service import workspace
from ..types import given
from ..types.auth import Success
from ..types.workspace import (
    ExternalPreview,
    ExternalPreviewInput,
    Preview,
    PreviewInput,
    WorkspaceWriteInput,
    Written,
)


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

    @fields.mutation(
        description="Preview a task's folder: the address its files are served at, as they are "
        "(no development server is started)."
    )
    async def start_preview(self, info: Info, input: PreviewInput) -> Preview:
        context = info.context
        task = given(input).get("task_id")
        workspace.preview_root(context.domain_settings, context.principal.user_id, task)
        base = context.domain_settings.public_url.rstrip("/")
        return Preview(
            success=True, url=f"{base}/api/workspace/preview/{task}/", already_running=True
        )

    @fields.mutation(description="Stop previewing a task (nothing runs for it: a no-op).")
    async def stop_preview(self, info: Info, input: PreviewInput) -> Written:
        if not given(input).get("task_id"):
            raise BadRequest("taskId is required")
        return Written(success=True, message="Preview stopped")

    @fields.mutation(description="Check an external app's address to open in the preview pane.")
    async def external_preview(self, info: Info, input: ExternalPreviewInput) -> ExternalPreview:
        sent = given(input)
        return ExternalPreview(
            success=True,
            url=workspace.external_url(sent.get("url")),
            title=sent.get("title") or "External App",
        )
