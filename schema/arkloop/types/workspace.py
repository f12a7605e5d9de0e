"""A project's workspace and the listing of one of its directories."""

from __future__ import annotations

from datetime import datetime

import strawberry

from ..service import workspace
from .common import ID


@strawberry.type
class WorkspaceSession:
    session_ref: str
    session_type: str
    state: str
    last_used_at: datetime | None


@strawberry.type
class Workspace:
    project_id: ID
    workspace_ref: str
    owner_user_id: ID
    status: str
    last_used_at: datetime | None
    active_session: WorkspaceSession | None = None

    @classmethod
    def of(cls, found: workspace.Workspace) -> Workspace:
        return cls(
            project_id=found.project_id,
            workspace_ref=found.workspace_ref,
            owner_user_id=found.owner_user_id,
            status=found.status,
            last_used_at=None,
        )


@strawberry.type
class WorkspaceItem:
    name: str
    path: str
    type: str
    size: int
    mtime_unix_ms: float
    mime_type: str | None

    @classmethod
    def of(cls, entry: workspace.Entry) -> WorkspaceItem:
        return cls(
            name=entry.name,
            path=entry.path,
            type=entry.type,
            size=entry.size,
            mtime_unix_ms=entry.mtime_unix_ms,
            mime_type=entry.mime_type,
        )


@strawberry.type
class WorkspaceFiles:
    workspace_ref: str
    path: str
    items: list[WorkspaceItem]

    @classmethod
    def of(cls, listing: workspace.Listing) -> WorkspaceFiles:
        items = [WorkspaceItem.of(entry) for entry in listing.entries]
        return cls(workspace_ref=listing.workspace_ref, path=listing.path, items=items)
