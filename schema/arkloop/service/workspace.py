"""Project workspaces: one directory per project under `FACET_ARKLOOP_WORKSPACE_ROOT` (agents'
and users' files). A workspace is `idle` once its directory exists and `unavailable` before;
listings read the directory itself. Paths are confined to the project's directory once every
symlink in them is followed."""

from __future__ import annotations

import mimetypes
import posixpath
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Row

from ..errors import WorkspaceFileNotFound, WorkspacePathInvalid
from ..settings import ArkloopSettings
from .auth import Principal
from .conversations import get_project


@dataclass(frozen=True)
class Workspace:
    project_id: str
    workspace_ref: str
    owner_user_id: str
    status: str  # idle | unavailable


@dataclass(frozen=True)
class Entry:
    name: str
    path: str
    type: str  # dir | file
    size: int
    mtime_unix_ms: float
    mime_type: str | None


@dataclass(frozen=True)
class Listing:
    workspace_ref: str
    path: str
    entries: list[Entry]


def _ref(project: Row) -> str:
    return f"ws_{project.account_id.replace('-', '')[:12]}_{project.id.replace('-', '')}"


def _directory(root: Path, project: Row) -> Path:
    return root / _ref(project)


async def workspace(
    session: AsyncSession, settings: ArkloopSettings, who: Principal, project_id: str
) -> Workspace:
    project = await get_project(session, who, project_id)
    root = Path(settings.workspace_root)
    return Workspace(
        project_id=project.id,
        workspace_ref=_ref(project),
        owner_user_id=project.created_by_user_id,
        status="idle" if _directory(root, project).is_dir() else "unavailable",
    )


async def workspace_files(
    session: AsyncSession, settings: ArkloopSettings, who: Principal, project_id: str, path: str
) -> Listing:
    """The entries of one directory of the workspace, directories first, then by name. An
    absent workspace lists nothing, as Arkloop answers before a workspace exists."""
    project = await get_project(session, who, project_id)
    where = _normalized(path)
    base = _directory(Path(settings.workspace_root), project)
    if not base.is_dir():
        return Listing(workspace_ref=_ref(project), path=where, entries=[])
    target = _confined(base, where)
    if not target.is_dir():
        raise WorkspaceFileNotFound("no such directory in the workspace")
    found = sorted(target.iterdir(), key=lambda entry: (not entry.is_dir(), entry.name))
    entries = [_entry(entry, posixpath.join(where, entry.name)) for entry in found]
    return Listing(workspace_ref=_ref(project), path=where, entries=entries)


def _confined(base: Path, where: str) -> Path:
    """`where` under `base` with every symlink followed, refused unless it stays inside `base`:
    a link anywhere in the path (`escape -> /etc`, then `/escape/ssl`) could lead out of it."""
    try:
        inside = base.resolve(strict=True)
        target = (base / where.lstrip("/")).resolve()
    except (OSError, RuntimeError) as error:  # a symlink loop, an unreadable component
        raise WorkspacePathInvalid("path escapes the workspace root") from error
    if not target.is_relative_to(inside):
        raise WorkspacePathInvalid("path escapes the workspace root")
    return target


def _entry(entry: Path, path: str) -> Entry:
    stat = entry.lstat()
    directory = entry.is_dir() and not entry.is_symlink()
    return Entry(
        name=entry.name,
        path=path,
        type="dir" if directory else "file",
        size=0 if directory else stat.st_size,
        mtime_unix_ms=float(int(stat.st_mtime * 1000)),
        mime_type=None if directory else mimetypes.guess_type(entry.name)[0],
    )


def _normalized(path: str) -> str:
    raw = path or "/"
    if "\x00" in raw or ".." in raw.split("/"):
        raise WorkspacePathInvalid("path escapes the workspace root")
    return posixpath.normpath("/" + raw.lstrip("/"))
