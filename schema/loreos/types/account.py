"""Production readiness, and character bundle imports."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.constraints import nullable, required, rules
from schema._shared.scalars import JSONObject

from ..models import Import as ImportRow
from ..service.production import Production
from .characters import CharacterInput, Readiness, ReadinessCheck


@strawberry.type(description="Whether the app may go to production, gate by gate.")
class ProductionReadiness:
    app_id: str
    # ready when no gate blocks, else blocked.
    status: str
    active: bool
    activated_at: datetime | None
    checks: list[ReadinessCheck]
    blockers: list[str]

    @classmethod
    def of(cls, found: Production) -> ProductionReadiness:
        return cls(
            app_id=found.app.id,
            status="blocked" if found.blockers else "ready",
            active=found.app.production_activated_at is not None,
            activated_at=found.app.production_activated_at,
            checks=[ReadinessCheck(key=c.key, passed=c.passed, hint=c.hint) for c in found.checks],
            blockers=found.blockers,
        )


@strawberry.input(description="An identity image to fetch when the import is committed.")
class IdentityImageInput:
    source_url: str = required(min_length=1, max_length=4096)


@strawberry.input(description="A character bundle to stage (authoring_only mode).")
class ImportInput:
    character: CharacterInput
    mode: str | None = rules(min_length=1, max_length=40)
    # Required by the hybrid and transcript_migration modes; refused in authoring_only.
    transcript: JSONObject | None = nullable()
    external_user_ref: str | None = nullable(min_length=1, max_length=200)
    external_user_display_name: str | None = nullable(max_length=120)
    identity_image: IdentityImageInput | None = nullable()
    extraction_mode: str | None = rules(min_length=1, max_length=20)


@strawberry.type(description="Non-fatal problems met while extracting.")
class ExtractionSummary:
    errors: list[str]


@strawberry.type(description="A staged import and how far it has come.")
class ImportStatus:
    import_id: str
    mode: str
    extraction_mode: str
    # ready (staged, to preview and commit) or committed.
    status: str
    phase: str
    slug: str
    completed_checkpoints: list[str]
    last_heartbeat_at: datetime
    last_error: str | None
    extraction_summary: ExtractionSummary
    # What the commit made: character_id, slug, version_number, session_id (null in
    # authoring_only), identity_image; null until committed.
    commit: JSONObject | None
    created_at: datetime

    @classmethod
    def of(cls, row: ImportRow) -> ImportStatus:
        return cls(
            import_id=row.id,
            mode=row.mode,
            extraction_mode=row.extraction_mode,
            status=row.status,
            phase=row.phase,
            slug=row.slug,
            completed_checkpoints=list(row.completed_checkpoints),
            last_heartbeat_at=row.updated_at,
            last_error=row.last_error,
            extraction_summary=ExtractionSummary(errors=[]),
            commit=row.commit,
            created_at=row.created_at,
        )


@strawberry.type(description="What committing the import would store.")
class ImportPreview:
    import_id: str
    slug: str
    # create, new_version or unchanged.
    version_action: str
    # Staged counts: characters, voice_samples, onboarding_steps, arc_seeds,
    # world_model_claims, relational_state_rows.
    staged: JSONObject
    authoring_readiness: Readiness
