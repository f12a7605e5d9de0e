"""Prompt templates, their versions and reviews, and the preview of the template an issue would
get."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.relations import related
from schema._shared.scalars import JSONObject

from ..loaders import PromptVersionById
from ..models import AuthorType, VersionStatus
from .issues import Issue

strawberry.enum(VersionStatus)


@strawberry.type
class PromptVersion:
    id: strawberry.ID
    template_id: strawberry.ID
    version: int
    content: str
    changelog: str | None
    author_type: AuthorType
    author_name: str
    status: VersionStatus
    usage_count: int
    completion_rate: float | None
    avg_duration_ms: float | None
    review_score: float | None
    created_at: datetime


@strawberry.type
class PromptTemplate:
    id: strawberry.ID
    slug: str
    name: str
    description: str | None
    conditions: JSONObject
    specificity: int
    project_id: strawberry.ID | None
    active_version_id: strawberry.ID | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None

    active_version: PromptVersion | None = related(PromptVersionById, key="active_version_id")


@strawberry.type
class PromptReview:
    id: strawberry.ID
    version_id: strawberry.ID
    issue_id: strawberry.ID
    clarity: int
    completeness: int
    relevance: int
    feedback: str | None
    author_type: AuthorType
    created_at: datetime


@strawberry.type(description="Which template an issue would get, and its hydrated prompt.")
class TemplatePreview:
    issue: Issue
    template: PromptTemplate | None
    version: PromptVersion | None
    prompt: str | None
    message: str
