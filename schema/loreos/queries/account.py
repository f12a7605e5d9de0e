"""Production readiness, imports, and visual assets' images."""

from __future__ import annotations

import base64
from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained

from ..context import Info
from ..service import assets, imports, production
from ..service.readiness import readiness
from ..types.account import ImportPreview, ImportStatus, ProductionReadiness
from ..types.assets import AssetImage
from ..types.characters import Readiness

Id = Annotated[str, constrained(min_length=1, max_length=200)]
Slug = Annotated[str, constrained(min_length=1, max_length=128)]


@strawberry.type
class AccountQuery:
    @fields.query(description="Whether the app may be activated for production.")
    async def production_readiness(self, info: Info, app_id: Id) -> ProductionReadiness:
        found = await production.readiness(info.context.session, info.context.principal, app_id)
        return ProductionReadiness.of(found)

    @fields.query(description="A staged import and how far it has come.")
    async def import_status(self, info: Info, import_id: Id) -> ImportStatus:
        found = await imports.get(info.context.session, info.context.principal, import_id)
        return ImportStatus.of(found)

    @fields.query(description="What committing the import would store.")
    async def import_preview(self, info: Info, import_id: Id) -> ImportPreview:
        found = await imports.preview(info.context.session, info.context.principal, import_id)
        return ImportPreview(
            import_id=found.staged.id,
            slug=found.staged.slug,
            version_action=found.version_action,
            staged=found.counts,
            authoring_readiness=Readiness.of(readiness(found.staged.character)),
        )

    @fields.query(description="A visual asset's image (over GraphQL, base64-encoded).")
    async def visual_asset_image(self, info: Info, slug: Slug, asset_key: Id) -> AssetImage:
        context = info.context
        stored = await assets.image(
            context.session, context.principal, context.domain_settings, slug, asset_key
        )
        extension = stored.asset.path.rpartition(".")[2]
        return AssetImage(
            content_base64=base64.b64encode(stored.content).decode(),
            content_type=stored.asset.content_type,
            file_name=f"{stored.asset.asset_key}.{extension}",
        )
