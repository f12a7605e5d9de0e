"""What a user keeps on disk, by kind, and their task sessions (the task folders of
`workspace`): listed, measured, removed one by one, by age or all at once."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.errors import BadRequest, NotFound

from ..settings import OpenloomiSettings
from .storage import user_root
from .workspace import task_root

# The kinds of a user's data on disk, with their folders under the data directory.
KINDS = {
    "sessions": ("Task sessions", "workspace"),
    "files": ("Files", "files"),
    "skills": ("Skills", "skills"),
}
# What cleanup takes: the product's categories; only sessions are kept by this server.
CLEANABLE = ("sessions", "logs", "cache", "browser-temp")
NOT_FOUND = "Session not found"


@dataclass(frozen=True)
class Session:
    task_id: str
    size_bytes: int
    modified_time: datetime


def size_of(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


def disk_usage(settings: OpenloomiSettings, user_id: str) -> list[tuple[str, str, int]]:
    return [
        (key, label, size_of(user_root(settings, area, user_id)))
        for key, (label, area) in KINDS.items()
    ]


def listing(settings: OpenloomiSettings, user_id: str) -> list[Session]:
    root = user_root(settings, "workspace", user_id)
    if not root.is_dir():
        return []
    found = [_session(item) for item in root.iterdir() if item.is_dir()]
    return sorted(found, key=lambda s: s.modified_time, reverse=True)


def get(settings: OpenloomiSettings, user_id: str, task_id: str) -> Session:
    folder = task_root(settings, user_id, task_id)
    if not folder.is_dir():
        raise NotFound(NOT_FOUND)
    return _session(folder)


def delete(settings: OpenloomiSettings, user_id: str, task_id: str) -> None:
    folder = task_root(settings, user_id, task_id)
    if not folder.is_dir():
        raise NotFound(NOT_FOUND)
    shutil.rmtree(folder)


def delete_many(
    settings: OpenloomiSettings, user_id: str, older_than_days: float | None, everything: bool
) -> int:
    if not everything and older_than_days is None:
        raise BadRequest("olderThanDays or deleteAll is required")
    cutoff = datetime.now(UTC) - timedelta(days=older_than_days or 0)
    doomed = [s for s in listing(settings, user_id) if everything or s.modified_time < cutoff]
    for found in doomed:
        shutil.rmtree(task_root(settings, user_id, found.task_id))
    return len(doomed)


def cleanup(settings: OpenloomiSettings, user_id: str, category: str | None) -> int:
    """What `category` held that was removed: task sessions, counted; the product's logs,
    cache and browser temp files are not kept here, so none."""
    if category not in CLEANABLE:
        raise BadRequest("Invalid category")
    if category != "sessions":
        return 0
    return delete_many(settings, user_id, None, everything=True)


def _session(folder: Path) -> Session:
    newest = max(
        (item.stat().st_mtime for item in folder.rglob("*")), default=folder.stat().st_mtime
    )
    return Session(
        task_id=folder.name,
        size_bytes=size_of(folder),
        modified_time=datetime.fromtimestamp(newest, UTC),
    )
