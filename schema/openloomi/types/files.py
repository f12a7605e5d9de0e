"""Stored files and what an upload answers."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.file_uploads import Upload

from schema._shared.constraints import nullable


@strawberry.type
class StoredFile:
    id: strawberry.ID
    name: str
    content_type: str
    size_bytes: float = strawberry.field(description="Bytes (a Float: GraphQL's Int is 32 bits).")
    saved_at: datetime
    url: str
    blob_pathname: str
    chat_id: strawberry.ID | None
    message_id: strawberry.ID | None


@strawberry.type
class Usage:
    used_bytes: float
    quota_bytes: float


@strawberry.type
class Uploaded:
    url: str
    pathname: str
    download_url: str
    name: str
    sanitized_name: str
    content_type: str
    size: float
    blob_path: str
    credits_deducted: int
    saved_file: StoredFile
    usage: Usage


@strawberry.type
class FilePage:
    files: list[StoredFile]
    next_cursor: strawberry.ID | None
    has_more: bool


@strawberry.type
class FileDeleted:
    success: bool
    usage: Usage


@strawberry.type(description="A file's bytes, base64-encoded (over REST: the bytes themselves).")
class FileContent:
    content_base64: str
    content_type: str
    file_name: str


@strawberry.input
class UploadInput:
    file: Upload | None = nullable()
