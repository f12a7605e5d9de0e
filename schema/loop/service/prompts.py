"""Prompt templates, their versions and reviews: Loop's rules for versioning, promotion, and
review scoring (EWMA) with improvement tasks."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound

from .. import repository as repo
from ..errors import (
    ISSUE_NOT_FOUND,
    TEMPLATE_EXISTS,
    TEMPLATE_NOT_FOUND,
    TRIPLE_BRACES,
    VERSION_ALREADY_ACTIVE,
    VERSION_NOT_FOUND,
)
from ..models import Issue, PromptReview, PromptTemplate, PromptVersion
from .issues import Changes, check_references, create_issue, rule, soft_delete, touch

EWMA_ALPHA = 0.3
REVIEW_SCORE_THRESHOLD = 3.5
REVIEW_COUNT_THRESHOLD = 15
REVIEW_MIN_SAMPLES = 3
IMPROVEMENT_LABELS = (("prompt-improvement", "#f59e0b"), ("meta", "#6b7280"))
REVIEW_URL = "POST /api/prompt-reviews"


# --- templates and versions ------------------------------------------------------------------


async def get_template(session: AsyncSession, id: str) -> PromptTemplate:
    template = await repo.live(session, PromptTemplate, id)
    if template is None:
        raise NotFound(TEMPLATE_NOT_FOUND)
    return template


async def list_templates(
    session: AsyncSession, limit: int, offset: int
) -> tuple[list[PromptTemplate], int]:
    return await repo.page(session, repo.live_rows(PromptTemplate), limit, offset)


async def create_template(session: AsyncSession, fields: Changes) -> PromptTemplate:
    if await repo.live_template_with_slug(session, fields["slug"]) is not None:
        raise Conflict(TEMPLATE_EXISTS)
    await check_references(session, fields, None)
    template = PromptTemplate(**{"conditions": {}, **fields})
    try:
        await repo.save(session, template)
    except IntegrityError:  # a concurrent request took the slug first; the request rolls back
        raise Conflict(TEMPLATE_EXISTS) from None
    return template


async def update_template(session: AsyncSession, id: str, changes: Changes) -> PromptTemplate:
    template = await get_template(session, id)
    await check_references(session, changes, None)
    touch(template, changes)
    await session.flush()
    return template


async def delete_template(session: AsyncSession, id: str) -> None:
    await soft_delete(session, await get_template(session, id))


async def list_versions(
    session: AsyncSession, template_id: str, limit: int, offset: int
) -> tuple[list[PromptVersion], int]:
    template = await get_template(session, template_id)
    return await repo.page(session, repo.versions_of(template.id), limit, offset)


async def create_version(session: AsyncSession, template_id: str, fields: Changes) -> PromptVersion:
    """Numbered max+1; the first becomes the template's active version, later ones drafts."""
    template = await get_template(session, template_id)
    if "{{{" in fields["content"]:
        raise rule(TRIPLE_BRACES)
    number = await repo.latest_version_number(session, template.id) + 1
    first = template.active_version_id is None and number == 1
    version = PromptVersion(
        **fields, template_id=template.id, version=number, status="active" if first else "draft"
    )
    await repo.save(session, version)
    if first:
        touch(template, {"active_version_id": version.id})
        await session.flush()
    return version


async def promote_version(
    session: AsyncSession, template_id: str, version_id: str
) -> PromptVersion:
    template = await get_template(session, template_id)
    version = await repo.version(session, version_id)
    if version is None or version.template_id != template.id:
        raise NotFound(VERSION_NOT_FOUND)
    if version.status == "active":
        raise rule(VERSION_ALREADY_ACTIVE)
    if template.active_version_id and (
        old := await repo.version(session, template.active_version_id)
    ):
        old.status = "retired"
    version.status = "active"
    touch(template, {"active_version_id": version.id})
    await session.flush()
    return version


async def list_template_reviews(
    session: AsyncSession, template_id: str, limit: int, offset: int
) -> tuple[list[PromptReview], int]:
    template = await get_template(session, template_id)
    return await repo.page(session, repo.reviews_of_template(template.id), limit, offset)


# --- reviews ---------------------------------------------------------------------------------


def ewma(previous: float | None, composite: float) -> float:
    return composite if previous is None else EWMA_ALPHA * composite + (1 - EWMA_ALPHA) * previous


def needs_improvement(score: float, reviews: int) -> bool:
    return reviews >= REVIEW_MIN_SAMPLES and (
        score < REVIEW_SCORE_THRESHOLD or reviews >= REVIEW_COUNT_THRESHOLD
    )


async def submit_review(session: AsyncSession, fields: Changes) -> PromptReview:
    version = await repo.version(session, fields["version_id"])
    if version is None:
        raise NotFound(VERSION_NOT_FOUND)
    if await repo.live(session, Issue, fields["issue_id"]) is None:
        raise NotFound(ISSUE_NOT_FOUND)
    review = PromptReview(**fields)
    await repo.save(session, review)
    composite = (review.clarity + review.completeness + review.relevance) / 3
    version.review_score = ewma(version.review_score, composite)
    await session.flush()
    reviews = await repo.review_count(session, version.id)
    if needs_improvement(version.review_score, reviews):
        await _file_improvement_task(session, version, reviews)
    return review


async def _file_improvement_task(
    session: AsyncSession, version: PromptVersion, reviews: int
) -> None:
    """Once per template while such a task is open."""
    template = await session.get(PromptTemplate, version.template_id)
    assert template is not None
    prefix = f"Improve prompt template: {template.slug} "
    if await repo.open_issue_titled(session, prefix) is not None:
        return
    score = version.review_score or 0.0
    summary = f"avg review {score:.1f}/5, {reviews} reviews since v{version.version}"
    labels = [await repo.upsert_label(session, name, color) for name, color in IMPROVEMENT_LABELS]
    await create_issue(
        session,
        {
            "title": f"{prefix}({summary})",
            "description": f"Reviews of version {version.version} of `{template.slug}` call for "
            "a better prompt. Read them with GET /api/templates/"
            f"{template.id}/reviews and create a new version.",
            "type": "task",
            "status": "todo",
            "priority": 3,
        },
        [label.id for label in labels],
    )
