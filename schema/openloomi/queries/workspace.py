"""Task workspaces' files."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained

from ..context import Info
from ..service import workspace
from ..types.workspace import WorkspaceEntry, WorkspaceFile, WorkspaceListing

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
