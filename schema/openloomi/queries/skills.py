"""A user's skills."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained

from ..context import Info
from ..service import skills
from ..types.skills import (
    Skill,
    SkillAnswer,
    SkillDirectories,
    SkillList,
    SkillMetadata,
    SkillWithContent,
)

SkillId = Annotated[str | None, constrained(max_length=100)]


def listed(found: skills.Skill) -> Skill:
    return Skill(
        id=found.id,
        name=found.name,
        description=found.description,
        enabled=found.enabled,
        avatar=found.avatar,
        source="openloomi",
    )


def answered(found: skills.Skill) -> SkillAnswer:
    return SkillAnswer(
        success=True, skill=SkillWithContent(**vars(listed(found)), content=found.content)
    )


@strawberry.type
class SkillQuery:
    @fields.query(description="The user's skills, and where they are kept.")
    async def skills(self, info: Info) -> SkillList:
        settings, user = info.context.domain_settings, info.context.principal.user_id
        return SkillList(
            success=True,
            skills=[listed(found) for found in skills.listing(settings, user)],
            directories=SkillDirectories(
                openloomi=str(skills.root(settings, user)), claude=None, agents=None
            ),
        )

    @fields.query(description="One skill, with its instructions.")
    async def skill(self, info: Info, skill_id: SkillId) -> SkillAnswer:
        found = skills.get(info.context.domain_settings, info.context.principal.user_id, skill_id)
        return answered(found)

    @fields.query(description="A skill's avatar and whether it is enabled.")
    async def skill_metadata(self, info: Info, skill_id: SkillId = None) -> SkillMetadata:
        found = skills.get(info.context.domain_settings, info.context.principal.user_id, skill_id)
        return SkillMetadata(
            success=True, skill_id=found.id, avatar=found.avatar, enabled=found.enabled
        )
