"""Skills, and what the skill routes take and answer."""

from __future__ import annotations

import strawberry
from strawberry.file_uploads import Upload

from schema._shared.constraints import nullable


@strawberry.type
class Skill:
    id: str
    name: str
    description: str
    enabled: bool
    avatar: str | None
    source: str = strawberry.field(description="Where it is kept: always `openloomi` here.")


@strawberry.type
class SkillWithContent(Skill):
    content: str = strawberry.field(description="SKILL.md after its front matter.")


@strawberry.type
class SkillDirectories:
    openloomi: str
    claude: str | None = strawberry.field(description="Not read by this server: null.")
    agents: str | None = strawberry.field(description="Not read by this server: null.")


@strawberry.type
class SkillList:
    success: bool
    skills: list[Skill]
    directories: SkillDirectories


@strawberry.type
class SkillAnswer:
    success: bool
    skill: SkillWithContent


@strawberry.type
class SkillToggled:
    success: bool
    message: str


@strawberry.type
class SkillMetadata:
    success: bool
    skill_id: str
    avatar: str | None
    enabled: bool


@strawberry.type
class SkillUploadResult:
    success: bool
    skill_name: str | None
    error: str | None
    message: str


@strawberry.type
class SkillsUploaded:
    success: bool
    message: str
    skill_name: str | None = strawberry.field(description="The skill added, for one file.")
    results: list[SkillUploadResult]


@strawberry.input
class SkillInput:
    id: str | None = nullable(max_length=100)
    name: str | None = nullable(max_length=200)
    description: str | None = nullable(max_length=2000)
    content: str | None = nullable(max_length=1024 * 1024)


@strawberry.input
class SkillChangeInput:
    name: str | None = nullable(max_length=200)
    description: str | None = nullable(max_length=2000)
    content: str | None = nullable(max_length=1024 * 1024)


@strawberry.input
class SkillToggleInput:
    skill_id: str | None = nullable(max_length=100)
    enabled: bool | None = nullable()


@strawberry.input
class SkillMetadataInput:
    skill_id: str | None = nullable(max_length=100)
    avatar: str | None = nullable(max_length=100_000)


@strawberry.input
class SkillUploadInput:
    files: list[Upload] | None = nullable()
    file: Upload | None = nullable()
