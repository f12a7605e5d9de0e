"""The user's files and their storage."""

from __future__ import annotations

import base64
from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.repository import Row

from ..context import Info
from ..repository import files as repo
from ..service import files
from ..types.files import FileContent, FilePage, StoredFile, Usage


def stored(row: Row) -> StoredFile:
    return StoredFile(
        id=row.id,
        name=row.name,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        saved_at=row.created_at,
        url=f"/api/files/{row.id}",
        blob_pathname=row.blob_path,
        chat_id=row.chat_id,
        message_id=row.message_id,
    )


async def usage(info: Info) -> Usage:
    found = await files.usage_of(
        info.context.session, info.context.domain_settings, info.context.principal.user_id
    )
    return Usage(used_bytes=found.used_bytes, quota_bytes=found.quota_bytes)


@strawberry.type
class FileQuery:
    @fields.query(description="The user's files, newest first; `cursor` is the last one's id.")
    async def files(
        self,
        info: Info,
        cursor: strawberry.ID | None = None,
        limit: Annotated[int, constrained(minimum=1, maximum=100)] = 20,
    ) -> FilePage:
        session, user_id = info.context.session, info.context.principal.user_id
        after = await files.owned(session, user_id, cursor) if cursor else None
        found = await repo.newest(session, user_id, by="created_at", limit=limit + 1, after=after)
        page = found[:limit]
        more = len(found) > limit
        return FilePage(
            files=[stored(row) for row in page],
            next_cursor=page[-1].id if more else None,
            has_more=more,
        )

    @fields.query(description="How many bytes the user keeps, and may.")
    async def file_usage(self, info: Info) -> Usage:
        return await usage(info)

    @fields.query(description="A file's bytes.")
    async def file_content(self, info: Info, id: strawberry.ID) -> FileContent:
        row = await files.owned(info.context.session, info.context.principal.user_id, id)
        data = files.content_of(info.context.domain_settings, row)
        return FileContent(
            content_base64=base64.b64encode(data).decode(),
            content_type=row.content_type,
            file_name=row.name,
        )
