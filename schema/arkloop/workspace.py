"""Project workspaces. This server runs no sandboxes, so a workspace is reported as
`unavailable` and has no file manifest: listings are empty, as Arkloop answers before a
manifest exists. Paths are still checked, so one escaping the root is refused."""

from __future__ import annotations

import posixpath

from app.errors import BadRequest

from .models import Project
from .types import Workspace, WorkspaceFiles


class InvalidPath(BadRequest):
    code = "workspace_files.invalid_path"


def _ref(project: Project) -> str:
    return f"ws_{project.account_id.replace('-', '')[:12]}_{project.id.replace('-', '')}"


def workspace(project: Project) -> Workspace:
    return Workspace(
        project_id=project.id,
        workspace_ref=_ref(project),
        owner_user_id=project.created_by_user_id,
        status="unavailable",
        last_used_at=None,
    )


def workspace_files(project: Project, path: str) -> WorkspaceFiles:
    return WorkspaceFiles(workspace_ref=_ref(project), path=normalized(path), items=[])


def normalized(path: str) -> str:
    raw = path or "/"
    if "\x00" in raw or ".." in raw.split("/"):
        raise InvalidPath("path escapes the workspace root")
    return posixpath.normpath("/" + raw.lstrip("/"))
