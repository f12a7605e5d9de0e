"""Uploading and deleting files."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..context import Info
from ..queries.files import stored, usage
from ..service import files
from ..types.files import FileDeleted, Uploaded, UploadInput


@strawberry.type
class FileMutation:
    @fields.mutation(
        description="Upload a file (a multipart form's `file`); kept under the data "
        "directory, its type sniffed from its bytes."
    )
    async def upload_file(self, info: Info, input: UploadInput) -> Uploaded:
        upload = None if input.file is strawberry.UNSET else input.file
        row = await files.save(
            info.context.session,
            info.context.domain_settings,
            info.context.principal.user_id,
            upload,
        )
        saved = stored(row)
        return Uploaded(
            url=saved.url,
            pathname=row.name,
            download_url=saved.url,
            name=row.name,
            sanitized_name=files.sanitized(row.name),
            content_type=row.content_type,
            size=row.size_bytes,
            blob_path=row.blob_path,
            credits_deducted=0,
            saved_file=saved,
            usage=await usage(info),
        )

    @fields.mutation(description="Delete a file.")
    async def delete_file(self, info: Info, id: strawberry.ID) -> FileDeleted:
        await files.delete(
            info.context.session,
            info.context.domain_settings,
            info.context.principal.user_id,
            id,
        )
        return FileDeleted(success=True, usage=await usage(info))
