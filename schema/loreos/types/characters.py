"""Characters, their authored content and readiness."""

from __future__ import annotations

from datetime import datetime

import strawberry

from app.errors import DomainError
from schema._shared.constraints import nullable, required, rules
from schema._shared.scalars import JSONObject

from ..errors import code_of
from ..service.characters import BulkOutcome, Published
from ..service.readiness import Readiness as ReadinessResult


@strawberry.type(description="One readiness check.")
class ReadinessCheck:
    key: str
    passed: bool
    hint: str


@strawberry.type(description="Something the runtime will ignore or misread.")
class ReadinessWarning:
    code: str
    message: str


@strawberry.type(description="Per-area authoring readiness and a 0-100 score.")
class Readiness:
    status: str
    score: int
    checks: list[ReadinessCheck]
    warnings: list[ReadinessWarning]

    @classmethod
    def of(cls, found: ReadinessResult) -> Readiness:
        return cls(
            status=found.status,
            score=found.score,
            checks=[ReadinessCheck(key=c.key, passed=c.passed, hint=c.hint) for c in found.checks],
            warnings=[ReadinessWarning(code=w.code, message=w.message) for w in found.warnings],
        )


@strawberry.type(description="A character and its published version.")
class Character:
    character_id: str
    slug: str
    display_name: str
    status: str
    version_number: int
    # Whether this call published a new version (false: identical content was reused).
    version_created: bool
    locale: str
    content: JSONObject
    authoring_readiness: Readiness
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, found: Published) -> Character:
        character, version = found.character, found.version
        return cls(
            character_id=character.id,
            slug=character.slug,
            display_name=character.display_name,
            status="published",
            version_number=version.version_number,
            version_created=found.created_version,
            locale=str(version.content.get("locale")),
            content=version.content,
            authoring_readiness=Readiness.of(found.readiness),
            created_at=character.created_at,
            updated_at=character.updated_at,
        )


@strawberry.type(description="A dry run of create: the same checks and scoring, nothing stored.")
class CharacterValidation:
    slug: str
    valid: bool
    authoring_readiness: Readiness


@strawberry.input(description="A character's authored content.")
class CharacterInput:
    slug: str = required(min_length=1, max_length=128, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    display_name: str = required(min_length=1, max_length=120)
    locale: str | None = rules(min_length=2, max_length=16)
    profile: JSONObject | None = nullable()
    voice_samples: list[JSONObject] | None = nullable()
    greeting: JSONObject | None = nullable()
    onboarding: list[JSONObject] | None = nullable()
    character_direction: JSONObject | None = nullable()
    life_template: JSONObject | None = nullable()
    story_engine: JSONObject | None = nullable()
    relationship_seed: JSONObject | None = nullable()
    emotion_baseline: JSONObject | None = nullable()
    behavioral_thresholds: JSONObject | None = nullable()
    arc_seeds: list[JSONObject] | None = nullable()
    world_model_seed: list[JSONObject] | None = nullable()
    raw_sources: list[JSONObject] | None = nullable()
    forbidden_style: list[JSONObject] | None = nullable()
    handoff_triggers: list[JSONObject] | None = nullable()
    inherits_style_anchors: list[str] | None = nullable()
    affordance_schema: JSONObject | None = nullable()


@strawberry.input(description="The fields to change; each publishes a new version if different.")
class CharacterPatchInput:
    display_name: str | None = rules(min_length=1, max_length=120)
    locale: str | None = rules(min_length=2, max_length=16)
    profile: JSONObject | None = nullable()
    voice_samples: list[JSONObject] | None = nullable()
    greeting: JSONObject | None = nullable()
    onboarding: list[JSONObject] | None = nullable()
    character_direction: JSONObject | None = nullable()
    life_template: JSONObject | None = nullable()
    story_engine: JSONObject | None = nullable()
    relationship_seed: JSONObject | None = nullable()
    emotion_baseline: JSONObject | None = nullable()
    behavioral_thresholds: JSONObject | None = nullable()
    arc_seeds: list[JSONObject] | None = nullable()
    world_model_seed: list[JSONObject] | None = nullable()
    forbidden_style: list[JSONObject] | None = nullable()
    handoff_triggers: list[JSONObject] | None = nullable()
    affordance_schema: JSONObject | None = nullable()


@strawberry.type(description="What the runtime uses of a character's current version.")
class RuntimePreview:
    slug: str
    version_number: int
    # The safe parts of the content the model is given (persona, voice, boundaries).
    runtime: JSONObject
    # The system context a reply is written from, as sent to the model.
    compiled_context: str
    greeting: JSONObject | None


@strawberry.input(description="Up to 50 characters, each created as POST /v1/characters would.")
class BulkCharactersInput:
    characters: list[CharacterInput]


@strawberry.type(description="Why one item of a bulk request was not stored.")
class ItemError:
    code: str
    message: str
    fix: str | None

    @classmethod
    def of(cls, error: DomainError) -> ItemError:
        fix = (error.details or {}).get("fix")
        return cls(code=code_of(error), message=error.message, fix=fix)


@strawberry.type(description="What one item of a bulk create came to.")
class BulkCharacterItem:
    index: int
    slug: str
    # ok, or error (then `error` says why and nothing of the item was stored).
    status: str
    character: Character | None
    error: ItemError | None


@strawberry.type(description="A bulk create, item by item: a failed item does not stop the rest.")
class BulkCharacters:
    succeeded: int
    failed: int
    results: list[BulkCharacterItem]

    @classmethod
    def of(cls, outcomes: list[BulkOutcome]) -> BulkCharacters:
        results = [
            BulkCharacterItem(
                index=index,
                slug=outcome.slug,
                status="ok" if outcome.error is None else "error",
                character=Character.of(outcome.published) if outcome.published else None,
                error=ItemError.of(outcome.error) if outcome.error else None,
            )
            for index, outcome in enumerate(outcomes)
        ]
        failed = sum(item.error is not None for item in results)
        return cls(succeeded=len(results) - failed, failed=failed, results=results)
