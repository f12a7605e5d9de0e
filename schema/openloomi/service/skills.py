"""A user's skills: one folder each under `<data_dir>/skills/<user>/<skillId>`, holding a
`SKILL.md` (YAML front matter with `name` and `description`, then the instructions) and any
files it refers to. Whether a skill is enabled, and its avatar, are kept beside it in
`.skill.json`. Uploads are a `SKILL.md` or a zip of a skill's folder; a member that would
land outside the skill's folder is refused (`storage.inside`)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import yaml

from app.errors import BadRequest, Conflict, NotFound

from ..settings import OpenloomiSettings
from .storage import inside, user_root

SKILL_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
SKILL_FILE = "SKILL.md"
STATE_FILE = ".skill.json"
INVALID_ID = "Invalid skillId"
NOT_FOUND = "Skill not found"
INVALID_BODY = "Invalid request body"
EXISTS = "A skill with this name already exists"
NO_SKILL_FILE = "The upload holds no SKILL.md"
FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n?", re.DOTALL)
# A zip's members at most, so an upload cannot fill the disk with many small files.
MOST_MEMBERS = 500


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    description: str
    enabled: bool
    avatar: str | None
    content: str


def root(settings: OpenloomiSettings, user_id: str) -> Path:
    return user_root(settings, "skills", user_id)


def folder(settings: OpenloomiSettings, user_id: str, skill_id: str | None) -> Path:
    if not skill_id or not SKILL_ID.fullmatch(skill_id):
        raise BadRequest(INVALID_ID)
    return root(settings, user_id) / skill_id


def listing(settings: OpenloomiSettings, user_id: str) -> list[Skill]:
    base = root(settings, user_id)
    if not base.is_dir():
        return []
    found = (item for item in sorted(base.iterdir()) if (item / SKILL_FILE).is_file())
    return [_read(item) for item in found]


def get(settings: OpenloomiSettings, user_id: str, skill_id: str | None) -> Skill:
    place = folder(settings, user_id, skill_id)
    if not (place / SKILL_FILE).is_file():
        raise NotFound(NOT_FOUND)
    return _read(place)


def create(settings: OpenloomiSettings, user_id: str, sent: dict[str, Any]) -> Skill:
    name = (sent.get("name") or "").strip()
    if not name:
        raise BadRequest("name is required")
    place = folder(settings, user_id, sent.get("id") or slug(name))
    if place.exists():
        raise Conflict(EXISTS)
    place.mkdir(parents=True)
    _write(place, name, sent.get("description") or "", sent.get("content") or "")
    return _read(place)


def update(
    settings: OpenloomiSettings, user_id: str, skill_id: str | None, sent: dict[str, Any]
) -> Skill:
    current = get(settings, user_id, skill_id)
    place = folder(settings, user_id, skill_id)
    _write(
        place,
        (sent.get("name") or "").strip() or current.name,
        current.description if sent.get("description") is None else sent["description"],
        current.content if sent.get("content") is None else sent["content"],
    )
    return _read(place)


def delete(settings: OpenloomiSettings, user_id: str, skill_id: str | None) -> None:
    get(settings, user_id, skill_id)
    shutil.rmtree(folder(settings, user_id, skill_id))


def set_state(
    settings: OpenloomiSettings, user_id: str, skill_id: str | None, **changes: Any
) -> Skill:
    get(settings, user_id, skill_id)
    place = folder(settings, user_id, skill_id)
    state = {**_state(place), **changes}
    (place / STATE_FILE).write_bytes(orjson.dumps(state))
    return _read(place)


def install(settings: OpenloomiSettings, user_id: str, name: str, data: bytes) -> Skill:
    """A skill from an uploaded `SKILL.md`, or a zip of its folder (the folder may be the
    archive's only top-level entry)."""
    if zipfile.is_zipfile(io.BytesIO(data)):
        return _unzipped(settings, user_id, name, data)
    if not name.lower().endswith(".md"):
        raise BadRequest(NO_SKILL_FILE)
    text = data.decode("utf-8", errors="replace")
    meta, _ = _split(text)
    title = str(meta.get("name") or Path(name).stem)
    place = folder(settings, user_id, slug(title))
    if place.exists():
        raise Conflict(EXISTS)
    place.mkdir(parents=True)
    (place / SKILL_FILE).write_text(text, encoding="utf-8")
    return _read(place)


def _unzipped(settings: OpenloomiSettings, user_id: str, name: str, data: bytes) -> Skill:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MOST_MEMBERS:
            raise BadRequest(f"A skill archive holds at most {MOST_MEMBERS} files")
        if sum(m.file_size for m in members) > settings.max_upload_bytes:
            raise BadRequest("The skill archive is too large once unpacked")
        prefix = _common_folder([m.filename for m in members])
        by_path = {m.filename[len(prefix) :]: m for m in members}
        if SKILL_FILE not in by_path:
            raise BadRequest(NO_SKILL_FILE)
        meta, _ = _split(archive.read(by_path[SKILL_FILE]).decode("utf-8", errors="replace"))
        title = str(meta.get("name") or prefix.rstrip("/") or Path(name).stem)
        place = folder(settings, user_id, slug(title))
        if place.exists():
            raise Conflict(EXISTS)
        targets = {inside(place, path): member for path, member in by_path.items()}
        for target, member in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(member))
    return _read(place)


def _common_folder(paths: list[str]) -> str:
    """`name/` when every path lies in that one folder, else nothing."""
    tops = {path.split("/", 1)[0] for path in paths}
    if len(tops) == 1 and all("/" in path for path in paths):
        return next(iter(tops)) + "/"
    return ""


def slug(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", name.strip()).strip("-").lower()
    return cleaned[:100] or "skill"


def _read(place: Path) -> Skill:
    meta, body = _split((place / SKILL_FILE).read_text(encoding="utf-8", errors="replace"))
    state = _state(place)
    return Skill(
        id=place.name,
        name=str(meta.get("name") or place.name),
        description=str(meta.get("description") or ""),
        enabled=bool(state.get("enabled", True)),
        avatar=state.get("avatar"),
        content=body,
    )


def _split(text: str) -> tuple[dict[str, Any], str]:
    """The front matter (empty when missing or not a mapping) and the body after it."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        meta = None
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


def _write(place: Path, name: str, description: str, content: str) -> None:
    head = yaml.safe_dump({"name": name, "description": description}, allow_unicode=True)
    (place / SKILL_FILE).write_text(f"---\n{head}---\n{content}", encoding="utf-8")


def _state(place: Path) -> dict[str, Any]:
    try:
        found = orjson.loads((place / STATE_FILE).read_bytes())
    except (FileNotFoundError, orjson.JSONDecodeError):
        return {}
    return found if isinstance(found, dict) else {}
