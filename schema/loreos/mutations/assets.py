"""Visual assets: upload, register by URL, and bulk register."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import provided

from ..context import Info
from ..service import assets
from ..types.assets import (
    BulkAssets,
    BulkRegisterAssetsInput,
    RegisterAssetUrlInput,
    UploadAssetInput,
    VisualAsset,
)

Slug = Annotated[str, constrained(min_length=1, max_length=128)]
META = ("asset_key", "category", "label", "visual_summary", "provenance", "license")


def _meta(values: dict[str, Any], *extra: str) -> assets.Meta:
    return assets.Meta(**{name: values[name] for name in (*META, *extra) if name in values})


@strawberry.type
class AssetMutation:
    @fields.mutation(description="Upload an image of the character (PNG, JPEG or WebP).")
    async def upload_visual_asset(
        self, info: Info, slug: Slug, input: UploadAssetInput
    ) -> VisualAsset:
        context = info.context
        values = provided(input)
        meta = _meta(values, "visual_description")
        stored = await assets.upload(
            context.session,
            context.principal,
            context.domain_settings,
            slug,
            meta,
            values.get("file"),
        )
        return VisualAsset.of(stored, slug)

    @fields.mutation(description="Fetch an image of the character once from a direct https URL.")
    async def register_visual_asset_url(
        self, info: Info, slug: Slug, input: RegisterAssetUrlInput
    ) -> VisualAsset:
        context = info.context
        values = provided(input)
        stored = await assets.register_url(
            context.session,
            context.principal,
            context.domain_settings,
            slug,
            _meta(values),
            input.source_url,
        )
        return VisualAsset.of(stored, slug)

    @fields.mutation(description="Fetch up to 20 images, identity ones first, each on its own.")
    async def bulk_register_visual_asset_urls(
        self, info: Info, slug: Slug, input: BulkRegisterAssetsInput
    ) -> BulkAssets:
        context = info.context
        items = [(_meta(provided(item)), item.source_url) for item in input.assets]
        outcomes = await assets.register_many(
            context.session, context.principal, context.domain_settings, slug, items
        )
        return BulkAssets.of(outcomes, slug)
