"""Task workspaces: one folder per task under `<data_dir>/workspace/<user>/<taskId>`, where an
agent's files and the user's are written and read. Paths are taken relative to the task's
folder; one leading out of it is refused (`storage.inside`)."""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from app.errors import BadRequest, NotFound

from ..settings import OpenloomiSettings
from .storage import inside, user_root

TASK_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
REQUIRED = "taskId and path are required"
NOT_FOUND = "File not found"
HTML = (".html", ".htm")
TEXT_LIMIT = 5 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    name: str
    path: str
    type: str
    size: int
    modified_time: datetime


@dataclass(frozen=True)
class Read:
    content: str | None
    file_path: str
    is_html: bool
    is_binary: bool


def task_root(settings: OpenloomiSettings, user_id: str, task_id: str | None) -> Path:
    if not task_id or not TASK_ID.fullmatch(task_id):
        raise BadRequest("Invalid taskId")
    return user_root(settings, "workspace", user_id) / task_id


def write(
    settings: OpenloomiSettings, user_id: str, task_id: str | None, path: str | None, content: str
) -> None:
    if not task_id or not path:
        raise BadRequest(REQUIRED)
    root = task_root(settings, user_id, task_id)
    target = inside(root, path)
    if target == root:
        raise BadRequest(REQUIRED)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")


def listing(
    settings: OpenloomiSettings, user_id: str, task_id: str | None, path: str
) -> tuple[list[Entry], int]:
    """The entries of a folder of the task (none when the task has no folder yet), and the
    bytes the whole task holds."""
    root = task_root(settings, user_id, task_id)
    folder = inside(root, path) if path else root
    if not folder.is_dir():
        return [], 0
    entries = [_entry(root, item) for item in sorted(folder.iterdir())]
    total = sum(item.stat().st_size for item in root.rglob("*") if item.is_file())
    return entries, total


def _entry(root: Path, item: Path) -> Entry:
    stat = item.stat()
    return Entry(
        name=item.name,
        path=item.relative_to(root).as_posix(),
        type="directory" if item.is_dir() else "file",
        size=0 if item.is_dir() else stat.st_size,
        modified_time=datetime.fromtimestamp(stat.st_mtime, UTC),
    )


def read(settings: OpenloomiSettings, user_id: str, task_id: str, path: str) -> Read:
    root = task_root(settings, user_id, task_id)
    target = inside(root, path)
    if not target.is_file():
        raise NotFound(NOT_FOUND)
    data = target.read_bytes()[: TEXT_LIMIT + 1]
    try:
        text = data.decode("utf-8") if len(data) <= TEXT_LIMIT and b"\x00" not in data else None
    except UnicodeDecodeError:
        text = None
    return Read(
        content=text,
        file_path=target.relative_to(root).as_posix(),
        is_html=target.suffix.lower() in HTML,
        is_binary=text is None,
    )


def delete(settings: OpenloomiSettings, user_id: str, task_id: str, path: str) -> None:
    root = task_root(settings, user_id, task_id)
    target = inside(root, path)
    if not target.is_file():
        raise NotFound("Failed to delete file")
    target.unlink()


def artifacts(settings: OpenloomiSettings, user_id: str, task_id: str) -> list[Entry]:
    """Every file of a task's folder, by path."""
    root = task_root(settings, user_id, task_id)
    if not root.is_dir():
        return []
    return [_entry(root, item) for item in sorted(root.rglob("*")) if item.is_file()]


def preview_root(settings: OpenloomiSettings, user_id: str, task_id: str | None) -> Path:
    """A task's folder to preview; 404 while the task has none."""
    if not task_id:
        raise BadRequest("taskId is required")
    root = task_root(settings, user_id, task_id)
    if not root.is_dir():
        raise NotFound("Task session not found")
    return root


def raw(settings: OpenloomiSettings, user_id: str, task_id: str, path: str) -> tuple[bytes, str]:
    """A task's file as it is, with its type by name (a folder's `index.html`)."""
    root = preview_root(settings, user_id, task_id)
    target = inside(root, path or "index.html")
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        raise NotFound(NOT_FOUND)
    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return target.read_bytes(), kind


def external_url(url: str | None) -> str:
    if not url:
        raise BadRequest("URL is required")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadRequest("Invalid URL format")
    return url


def formatted(size: int) -> str:
    value, unit = float(size), "B"
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
