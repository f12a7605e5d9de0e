"""Adding, changing and removing skills."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from app.errors import BadRequest, DomainError
from schema._shared import fields
from schema._shared.constraints import constrained

from ..context import Info
from ..queries.skills import answered
from ..service import skills
from ..types import given
from ..types.auth import Success
from ..types.skills import (
    SkillAnswer,
    SkillChangeInput,
    SkillInput,
    SkillMetadata,
    SkillMetadataInput,
    SkillsUploaded,
    SkillToggled,
    SkillToggleInput,
    SkillUploadInput,
    SkillUploadResult,
)

SkillId = Annotated[str, constrained(max_length=100)]
NO_FILE = "No file uploaded"


@strawberry.type
class SkillMutation:
    @fields.mutation(description="Add a skill, its SKILL.md written from the fields sent.")
    async def create_skill(self, info: Info, input: SkillInput) -> SkillAnswer:
        context = info.context
        return answered(
            skills.create(context.domain_settings, context.principal.user_id, given(input))
        )

    @fields.mutation(description="Change a skill's name, description or instructions.")
    async def change_skill(
        self, info: Info, skill_id: SkillId, input: SkillChangeInput
    ) -> SkillAnswer:
        context = info.context
        found = skills.update(
            context.domain_settings, context.principal.user_id, skill_id, given(input)
        )
        return answered(found)

    @fields.mutation(description="Remove a skill and its folder.")
    async def delete_skill(self, info: Info, skill_id: SkillId) -> Success:
        skills.delete(info.context.domain_settings, info.context.principal.user_id, skill_id)
        return Success(success=True)

    @fields.mutation(description="Enable or disable a skill.")
    async def toggle_skill(self, info: Info, input: SkillToggleInput) -> SkillToggled:
        sent = given(input)
        if not isinstance(sent.get("enabled"), bool) or not sent.get("skill_id"):
            raise BadRequest(skills.INVALID_BODY)
        context = info.context
        settings, user = context.domain_settings, context.principal.user_id
        skills.set_state(settings, user, sent["skill_id"], enabled=sent["enabled"])
        word = "enabled" if sent["enabled"] else "disabled"
        return SkillToggled(success=True, message=f"Skill {word}")

    @fields.mutation(description="Set a skill's avatar (null clears it).")
    async def set_skill_metadata(self, info: Info, input: SkillMetadataInput) -> SkillMetadata:
        sent = given(input)
        context = info.context
        found = skills.set_state(
            context.domain_settings,
            context.principal.user_id,
            sent.get("skill_id"),
            avatar=sent.get("avatar"),
        )
        return SkillMetadata(
            success=True, skill_id=found.id, avatar=found.avatar, enabled=found.enabled
        )

    @fields.mutation(
        description="Add skills from a multipart form's `files` (or `file`): each a SKILL.md "
        "or a zip of a skill's folder."
    )
    async def upload_skills(self, info: Info, input: SkillUploadInput) -> SkillsUploaded:
        sent = given(input)
        uploads = [*(sent.get("files") or []), *([sent["file"]] if sent.get("file") else [])]
        if not uploads:
            raise BadRequest(NO_FILE)
        results = [await _installed(info, upload) for upload in uploads]
        if len(results) == 1:
            only = results[0]
            return SkillsUploaded(
                success=only.success,
                message=only.message,
                skill_name=only.skill_name,
                results=results,
            )
        done = sum(result.success for result in results)
        return SkillsUploaded(
            success=True,
            message=f"Successfully uploaded {done}/{len(results)} skills",
            skill_name=None,
            results=results,
        )


async def _installed(info: Info, upload: Any) -> SkillUploadResult:
    """One upload's outcome; a refused one is reported beside the others, not raised."""
    context = info.context
    name = str(getattr(upload, "filename", None) or "SKILL.md")
    if not hasattr(upload, "read"):
        return SkillUploadResult(success=False, skill_name=None, error=NO_FILE, message=NO_FILE)
    try:
        found = skills.install(
            context.domain_settings, context.principal.user_id, name, await upload.read()
        )
    except DomainError as refused:
        return SkillUploadResult(
            success=False, skill_name=None, error=refused.message, message=refused.message
        )
    return SkillUploadResult(
        success=True,
        skill_name=found.name,
        error=None,
        message=f'Successfully added skill "{found.name}"',
    )
