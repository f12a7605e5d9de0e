"""Where a user's files live on disk: under the data directory, one folder per user, never
outside it. A path a client names is taken relative to its folder; one that would leave it
(`..`, an absolute path, a link pointing out) is refused."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from app.errors import BadRequest

from ..settings import OpenloomiSettings

INVALID_PATH = "Invalid path format"


def user_root(settings: OpenloomiSettings, area: str, user_id: str) -> Path:
    return Path(settings.data_dir).resolve() / area / user_id


def inside(root: Path, relative: str) -> Path:
    """`relative` under `root`, or 400 when it would lead anywhere else."""
    given = PurePosixPath(relative.replace("\\", "/"))
    if "\x00" in relative or given.is_absolute() or ".." in given.parts:
        raise BadRequest(INVALID_PATH)
    target = (root / given).resolve()
    if target != root.resolve() and root.resolve() not in target.parents:
        raise BadRequest(INVALID_PATH)
    return target
