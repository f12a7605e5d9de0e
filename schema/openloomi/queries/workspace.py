"""Task workspaces' files."""

from __future__ import annotations

import base64
from typing import Annotated

import strawberry

from app.errors import BadRequest
from schema._shared import fields
from schema._shared.constraints import constrained

from .. import errors
from ..context import Info
from ..service import chats, workspace
from ..types.files import FileContent
from ..types.workspace import (
    Artifacts,
    PreviewAvailability,
    WorkspaceEntry,
    WorkspaceFile,
    WorkspaceListing,
)

TaskId = Annotated[str | None, constrained(max_length=100)]
RelativePath = Annotated[str, constrained(max_length=1000)]


@strawberry.type
class WorkspaceQuery:
    @fields.query(description="A folder of a task's workspace (its root unless `path`).")
    async def workspace_files(
        self, info: Info, task_id: TaskId = None, path: RelativePath = ""
    ) -> WorkspaceListing:
        entries, total = workspace.listing(
            info.context.domain_settings, info.context.principal.user_id, task_id, path
        )
        return WorkspaceListing(
            files=[WorkspaceEntry(**vars(entry)) for entry in entries],
            size=total,
            formatted_size=workspace.formatted(total),
        )

    @fields.query(description="One file of a task's workspace, as text when it is text.")
    async def workspace_file(self, info: Info, task_id: str, path: RelativePath) -> WorkspaceFile:
        found = workspace.read(
            info.context.domain_settings, info.context.principal.user_id, task_id, path
        )
        return WorkspaceFile(**vars(found))

    @fields.query(description="The files a chat's task has produced.")
    async def workspace_artifacts(self, info: Info, chat_id: TaskId = None) -> Artifacts:
        if not chat_id:
            raise BadRequest(errors.CHAT_ID_REQUIRED)
        context = info.context
        user = context.principal.user_id
        await chats.owned(context.session, user, chat_id)
        found = workspace.artifacts(context.domain_settings, user, chat_id)
        return Artifacts(
            artifacts=[WorkspaceEntry(**vars(entry)) for entry in found], count=len(found)
        )

    @fields.query(description="Whether tasks' folders can be previewed.")
    async def preview_availability(self, info: Info) -> PreviewAvailability:
        return PreviewAvailability(available=True)

    @fields.query(
        description="A file of a task's folder as it is, to preview (a folder: its index.html)."
    )
    async def preview_file(self, info: Info, task_id: str, path: RelativePath = "") -> FileContent:
        data, kind = workspace.raw(
            info.context.domain_settings, info.context.principal.user_id, task_id, path
        )
        return FileContent(
            content_base64=base64.b64encode(data).decode(),
            content_type=kind,
            file_name=(path.rstrip("/").rsplit("/", 1)[-1] or "index.html"),
        )
