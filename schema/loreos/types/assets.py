"""Visual assets, their readiness, and the character's background features."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.file_uploads import Upload

from app.errors import DomainError
from schema._shared.constraints import nullable, required, rules

from ..models import VisualAsset as AssetRow
from ..service import assets
from .characters import ItemError, ReadinessCheck


@strawberry.type(description="An image of a character (active identity anchor, or candidate).")
class VisualAsset:
    asset_id: str
    asset_key: str
    category: str
    label: str
    visual_summary: str
    visual_description: str
    provenance: str | None
    license: str | None
    # upload, or url (fetched once from source_url).
    source: str
    source_url: str | None
    content_type: str
    size_bytes: int
    sha256: str
    # active (an identity asset) or candidate.
    status: str
    # approved_anchor (an identity asset) or candidate.
    promotion: str
    # Where the image is served (GET, with the key), relative to the API's base URL.
    url: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: AssetRow, slug: str) -> VisualAsset:
        return cls(
            asset_id=row.id,
            asset_key=row.asset_key,
            category=row.category,
            label=row.label,
            visual_summary=row.visual_summary,
            visual_description=row.visual_description,
            provenance=row.provenance,
            license=row.license,
            source=row.source,
            source_url=row.source_url,
            content_type=row.content_type,
            size_bytes=row.size_bytes,
            sha256=row.sha256,
            status=row.status,
            promotion=row.promotion,
            url=assets.image_path(slug, row.asset_key),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.input(description="An image to upload (multipart) and what it shows.")
class UploadAssetInput:
    # A PNG, JPEG or WebP image, as the multipart field `file`.
    file: Upload | None = nullable()
    asset_key: str = required(min_length=1, max_length=200)
    category: str = required(min_length=1, max_length=80)
    label: str = required(min_length=1, max_length=200)
    visual_summary: str | None = rules(max_length=2000)
    visual_description: str | None = rules(max_length=4000)


@strawberry.input(description="An image to fetch once from a direct https URL.")
class RegisterAssetUrlInput:
    source_url: str = required(min_length=1, max_length=4096)
    asset_key: str = required(min_length=1, max_length=200)
    category: str = required(min_length=1, max_length=80)
    label: str = required(min_length=1, max_length=200)
    visual_summary: str | None = rules(max_length=2000)
    provenance: str | None = nullable(max_length=120)
    license: str | None = nullable(max_length=200)


@strawberry.input(description="Up to 20 images to fetch; identity ones are taken first.")
class BulkRegisterAssetsInput:
    assets: list[RegisterAssetUrlInput]


@strawberry.type(description="What one image of a bulk registration came to.")
class BulkAssetItem:
    asset_key: str
    # ok, or error (then `error` says why and nothing of the item was stored).
    status: str
    asset: VisualAsset | None
    error: ItemError | None


@strawberry.type(description="A bulk registration, in the order processed (identity first).")
class BulkAssets:
    succeeded: int
    failed: int
    results: list[BulkAssetItem]

    @classmethod
    def of(cls, outcomes: list[assets.BulkOutcome], slug: str) -> BulkAssets:
        results = [
            BulkAssetItem(
                asset_key=outcome.asset_key,
                status="ok" if outcome.error is None else "error",
                asset=VisualAsset.of(outcome.asset, slug) if outcome.asset else None,
                error=_error(outcome.error),
            )
            for outcome in outcomes
        ]
        failed = sum(item.error is not None for item in results)
        return cls(succeeded=len(results) - failed, failed=failed, results=results)


def _error(error: DomainError | None) -> ItemError | None:
    return ItemError.of(error) if error is not None else None


@strawberry.type(description="Whether the character is ready to send images, check by check.")
class VisualReadiness:
    slug: str
    # ready when every check passes, else needs_work.
    status: str
    ready: bool
    checks: list[ReadinessCheck]
    active_identity_asset_key: str | None
    assets: list[VisualAsset]


@strawberry.type(description="One background feature of a character.")
class Feature:
    feature: str
    # active or paused.
    status: str
    reason: str


@strawberry.type(description="A character's background work, feature by feature.")
class FeatureStatus:
    slug: str
    # Whether any of the character's open sessions has proactive messages on.
    proactive_enabled: bool
    features: list[Feature]


@strawberry.type(description="An asset's image, base64-encoded (over REST: the bytes).")
class AssetImage:
    content_base64: str
    content_type: str
    file_name: str
