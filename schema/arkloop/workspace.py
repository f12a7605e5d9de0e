"""Project workspaces: one directory per project under `FACET_ARKLOOP_WORKSPACE_ROOT` (agents'
and users' files). A workspace is `idle` once its directory exists and `unavailable` before;
listings read the directory itself. Paths are confined to the workspace root."""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path

from app.errors import BadRequest, NotFound

from .models import Project
from .types import Workspace, WorkspaceFiles, WorkspaceItem


class InvalidPath(BadRequest):
    code = "workspace_files.invalid_path"


class FileNotFound(NotFound):
    code = "workspace_files.not_found"


def _ref(project: Project) -> str:
    return f"ws_{project.account_id.replace('-', '')[:12]}_{project.id.replace('-', '')}"


def _directory(root: Path, project: Project) -> Path:
    return root / _ref(project)


def workspace(root: Path, project: Project) -> Workspace:
    return Workspace(
        project_id=project.id,
        workspace_ref=_ref(project),
        owner_user_id=project.created_by_user_id,
        status="idle" if _directory(root, project).is_dir() else "unavailable",
        last_used_at=None,
    )


def workspace_files(root: Path, project: Project, path: str) -> WorkspaceFiles:
    """The entries of one directory of the workspace, directories first, then by name. An
    absent workspace lists nothing, as Arkloop answers before a workspace exists."""
    where = normalized(path)
    base = _directory(root, project)
    target = base / where.lstrip("/")
    if not base.is_dir():
        return WorkspaceFiles(workspace_ref=_ref(project), path=where, items=[])
    if not target.is_dir() or target.is_symlink():
        raise FileNotFound("no such directory in the workspace")
    entries = sorted(target.iterdir(), key=lambda entry: (not entry.is_dir(), entry.name))
    items = [_item(entry, posixpath.join(where, entry.name)) for entry in entries]
    return WorkspaceFiles(workspace_ref=_ref(project), path=where, items=items)


def _item(entry: Path, path: str) -> WorkspaceItem:
    stat = entry.lstat()
    directory = entry.is_dir() and not entry.is_symlink()
    return WorkspaceItem(
        name=entry.name,
        path=path,
        type="dir" if directory else "file",
        size=0 if directory else stat.st_size,
        mtime_unix_ms=float(int(stat.st_mtime * 1000)),
        mime_type=None if directory else mimetypes.guess_type(entry.name)[0],
    )


def normalized(path: str) -> str:
    raw = path or "/"
    if "\x00" in raw or ".." in raw.split("/"):
        raise InvalidPath("path escapes the workspace root")
    return posixpath.normpath("/" + raw.lstrip("/"))
