"""Production activation, and imports."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import provided

from ..context import Info
from ..service import imports, production
from ..types.account import ImportInput, ImportStatus, ProductionReadiness

Id = Annotated[str, constrained(min_length=1, max_length=200)]


@strawberry.type
class AccountMutation:
    @fields.mutation(description="Activate the app for production once its gates pass.")
    async def activate_production(self, info: Info, app_id: Id) -> ProductionReadiness:
        found = await production.activate(info.context.session, info.context.principal, app_id)
        return ProductionReadiness.of(found)

    @fields.mutation(description="Stage a character bundle (authoring_only) for review.")
    async def create_import(self, info: Info, input: ImportInput) -> ImportStatus:
        values = provided(input)
        image = input.identity_image or None  # UNSET and null alike
        request = imports.Request(
            character=provided(input.character),
            mode=values.get("mode") or imports.AUTHORING_ONLY,
            extraction_mode=values.get("extraction_mode") or "background",
            transcript=values.get("transcript"),
            identity_image_url=image.source_url if image is not None else None,
        )
        staged = await imports.create(info.context.session, info.context.principal, request)
        return ImportStatus.of(staged)

    @fields.mutation(description="Store the staged character (committing again changes nothing).")
    async def commit_import(self, info: Info, import_id: Id) -> ImportStatus:
        context = info.context
        committed = await imports.commit(
            context.session, context.principal, context.domain_settings, import_id
        )
        return ImportStatus.of(committed)
