"""Uploaded files: kept on disk under `<data_dir>/files/<user>/<id>`, their rows saying whose
they are. An upload is read in chunks and refused past `max_upload_bytes` or the user's
quota; its type is sniffed from its bytes (filetype), not taken from the client, and must be an
image, audio, video, PDF, office document or text."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import filetype
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.errors import BadRequest, NotFound, PayloadTooLarge
from schema._shared.repository import Row

from ..errors import UnsupportedType
from ..models import new_id
from ..repository import files as repo
from ..settings import OpenloomiSettings
from .storage import user_root

CHUNK = 1024 * 1024
NO_FILE = "No file uploaded"
EMPTY = "File is empty."
UNSUPPORTED = "Unsupported file type."
OVER_QUOTA = "Storage limit exceeded"
NOT_FOUND = "File not found"
OFFICE = (
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.",
    "application/zip",  # what an Office Open XML document's bytes also are
)
TEXT_TYPES = ("text/plain", "text/markdown", "text/csv", "text/html", "application/json")


@dataclass(frozen=True)
class Usage:
    used_bytes: int
    quota_bytes: int


async def save(
    session: AsyncSession, settings: OpenloomiSettings, user_id: str, upload: Any
) -> Row:
    if upload is None or not hasattr(upload, "read"):
        raise BadRequest(NO_FILE)
    usage = await usage_of(session, settings, user_id)
    room = min(settings.max_upload_bytes, usage.quota_bytes - usage.used_bytes)
    id = new_id()
    folder = user_root(settings, "files", user_id)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / id
    try:
        size, head = await _copy(upload, path, room, settings.max_upload_bytes)
        content_type = _sniffed(head, getattr(upload, "content_type", None))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    name = str(getattr(upload, "filename", None) or "file")[:200]
    return await repo.insert(
        session,
        {
            "id": id,
            "user_id": user_id,
            "name": name,
            "content_type": content_type,
            "size_bytes": size,
            "blob_path": f"{user_id}/{id}",
            "created_at": utcnow(),
        },
    )


async def _copy(upload: Any, path: Path, room: int, most: int) -> tuple[int, bytes]:
    """Writes the upload to `path`: its size and first bytes."""
    size, head = 0, b""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > most:
                raise BadRequest(f"File exceeds the maximum size of {_megabytes(most)}.")
            if size > room:
                raise PayloadTooLarge(OVER_QUOTA)
            head = head or chunk[:8192]
            file.write(chunk)
    if size == 0:
        raise BadRequest(EMPTY)
    return size, head


def _megabytes(count: int) -> str:
    return f"{count // (1024 * 1024)}MB" if count >= 1024 * 1024 else f"{count} bytes"


def _sniffed(head: bytes, declared: str | None) -> str:
    kind = filetype.guess(head)
    if kind is not None:
        mime = str(kind.mime)
        if mime.startswith(("image/", "audio/", "video/", "application/pdf", *OFFICE)):
            return _office(mime, declared)
        raise UnsupportedType(UNSUPPORTED)
    if b"\x00" in head or not _utf8(head):
        raise UnsupportedType(UNSUPPORTED)
    plain = (declared or "").split(";")[0].strip().lower()
    return plain if plain in TEXT_TYPES else "text/plain"


def _office(sniffed: str, declared: str | None) -> str:
    """An Office Open XML file sniffs as a zip; the client's type says which document it is,
    when it names one."""
    plain = (declared or "").split(";")[0].strip().lower()
    if sniffed == "application/zip":
        if plain.startswith(OFFICE[3]):
            return plain
        raise UnsupportedType(UNSUPPORTED)
    return sniffed


def _utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3  # a character cut by the end of the sample
    return True


async def usage_of(session: AsyncSession, settings: OpenloomiSettings, user_id: str) -> Usage:
    return Usage(await repo.used_bytes(session, user_id), settings.storage_quota_bytes)


async def owned(session: AsyncSession, user_id: str, id: str) -> Row:
    found = await repo.owned(session, user_id, id)
    if found is None:
        raise NotFound(NOT_FOUND)
    return found


def content_of(settings: OpenloomiSettings, row: Row) -> bytes:
    path = user_root(settings, "files", row.user_id) / str(row.id)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(NOT_FOUND) from None


async def delete(session: AsyncSession, settings: OpenloomiSettings, user_id: str, id: str) -> None:
    row = await owned(session, user_id, id)
    await repo.delete_owned(session, user_id, id)
    (user_root(settings, "files", user_id) / row.id).unlink(missing_ok=True)


def sanitized(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "file"
