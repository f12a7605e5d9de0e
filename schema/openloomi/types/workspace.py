"""Task workspaces: their files, and what writing one takes."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.constraints import nullable


@strawberry.type
class WorkspaceEntry:
    name: str
    path: str
    type: str
    size: float
    modified_time: datetime


@strawberry.type
class WorkspaceListing:
    files: list[WorkspaceEntry]
    size: float
    formatted_size: str


@strawberry.type
class WorkspaceFile:
    content: str | None = strawberry.field(description="The text; null for a binary file.")
    file_path: str
    is_html: bool
    is_binary: bool


@strawberry.type
class Written:
    success: bool
    message: str


@strawberry.input
class WorkspaceWriteInput:
    task_id: str | None = nullable(max_length=100)
    path: str | None = nullable(max_length=1000)
    content: str | None = nullable(max_length=5 * 1024 * 1024)


@strawberry.type
class Artifacts:
    artifacts: list[WorkspaceEntry]
    count: int


@strawberry.type
class PreviewAvailability:
    available: bool = strawberry.field(
        description="Whether a task's folder can be previewed: its files are served as they are."
    )


@strawberry.type
class Preview:
    success: bool
    url: str
    already_running: bool


@strawberry.type
class ExternalPreview:
    success: bool
    url: str
    title: str


@strawberry.input
class PreviewInput:
    task_id: str | None = nullable(max_length=100)


@strawberry.input
class ExternalPreviewInput:
    url: str | None = nullable(max_length=2000)
    title: str | None = nullable(max_length=200)
