"""Prompt templates, their versions and reviews: Loop's rules for versioning, promotion, and
review scoring (EWMA) with improvement tasks."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound
from schema._shared.repository import Row

from ..errors import (
    ISSUE_NOT_FOUND,
    TEMPLATE_EXISTS,
    TEMPLATE_NOT_FOUND,
    TRIPLE_BRACES,
    VERSION_ALREADY_ACTIVE,
    VERSION_NOT_FOUND,
)
from ..repository.issues import issues, labels
from ..repository.prompts import reviews, templates, versions
from .issues import Changes, check_references, create_issue, found, rule

EWMA_ALPHA = 0.3
REVIEW_SCORE_THRESHOLD = 3.5
REVIEW_COUNT_THRESHOLD = 15
REVIEW_MIN_SAMPLES = 3
IMPROVEMENT_LABELS = (("prompt-improvement", "#f59e0b"), ("meta", "#6b7280"))
REVIEW_URL = "POST /api/prompt-reviews"


# --- templates and versions ------------------------------------------------------------------


async def get_template(session: AsyncSession, id: str) -> Row:
    return found(await templates.live(session, id), TEMPLATE_NOT_FOUND)


async def list_templates(session: AsyncSession, limit: int, offset: int) -> tuple[list[Row], int]:
    return await templates.page(session, limit, offset)


async def create_template(session: AsyncSession, fields: Changes) -> Row:
    if await templates.with_slug(session, fields["slug"]) is not None:
        raise Conflict(TEMPLATE_EXISTS)
    await check_references(session, fields, None)
    try:
        return await templates.insert(session, {"conditions": {}, **fields})
    except IntegrityError:  # a concurrent request took the slug first; the request rolls back
        raise Conflict(TEMPLATE_EXISTS) from None


async def update_template(session: AsyncSession, id: str, changes: Changes) -> Row:
    template = await get_template(session, id)
    await check_references(session, changes, None)
    return found(await templates.update(session, template.id, changes), TEMPLATE_NOT_FOUND)


async def delete_template(session: AsyncSession, id: str) -> None:
    if not await templates.soft_delete(session, id):
        raise NotFound(TEMPLATE_NOT_FOUND)


async def list_versions(
    session: AsyncSession, template_id: str, limit: int, offset: int
) -> tuple[list[Row], int]:
    template = await get_template(session, template_id)
    return await versions.page_of_template(session, template.id, limit, offset)


async def create_version(session: AsyncSession, template_id: str, fields: Changes) -> Row:
    """Numbered max+1; the first becomes the template's active version, later ones drafts."""
    template = await get_template(session, template_id)
    if "{{{" in fields["content"]:
        raise rule(TRIPLE_BRACES)
    number = await versions.latest_number(session, template.id) + 1
    first = template.active_version_id is None and number == 1
    status = "active" if first else "draft"
    values = {**fields, "template_id": template.id, "version": number, "status": status}
    version = await versions.insert(session, values)
    if first:
        await templates.update(session, template.id, {"active_version_id": version.id})
    return version


async def promote_version(session: AsyncSession, template_id: str, version_id: str) -> Row:
    template = await get_template(session, template_id)
    version = await versions.get(session, version_id)
    if version is None or version.template_id != template.id:
        raise NotFound(VERSION_NOT_FOUND)
    if version.status == "active":
        raise rule(VERSION_ALREADY_ACTIVE)
    if template.active_version_id:
        await versions.update(session, template.active_version_id, {"status": "retired"})
    promoted = await versions.update(session, version.id, {"status": "active"})
    await templates.update(session, template.id, {"active_version_id": version.id})
    return found(promoted, VERSION_NOT_FOUND)


async def list_template_reviews(
    session: AsyncSession, template_id: str, limit: int, offset: int
) -> tuple[list[Row], int]:
    template = await get_template(session, template_id)
    return await reviews.page_of_template(session, template.id, limit, offset)


# --- reviews ---------------------------------------------------------------------------------


def ewma(previous: float | None, composite: float) -> float:
    return composite if previous is None else EWMA_ALPHA * composite + (1 - EWMA_ALPHA) * previous


def needs_improvement(score: float, reviews: int) -> bool:
    return reviews >= REVIEW_MIN_SAMPLES and (
        score < REVIEW_SCORE_THRESHOLD or reviews >= REVIEW_COUNT_THRESHOLD
    )


async def submit_review(session: AsyncSession, fields: Changes) -> Row:
    version = found(await versions.get(session, fields["version_id"]), VERSION_NOT_FOUND)
    if await issues.live(session, fields["issue_id"]) is None:
        raise NotFound(ISSUE_NOT_FOUND)
    review = await reviews.insert(session, fields)
    composite = (review.clarity + review.completeness + review.relevance) / 3
    score = ewma(version.review_score, composite)
    await versions.update(session, version.id, {"review_score": score})
    count = await reviews.count_of_version(session, version.id)
    if needs_improvement(score, count):
        await _file_improvement_task(session, version, score, count)
    return review


async def _file_improvement_task(
    session: AsyncSession, version: Row, score: float, reviews: int
) -> None:
    """Once per template while such a task is open."""
    template = await templates.get(session, version.template_id)
    assert template is not None
    prefix = f"Improve prompt template: {template.slug} "
    if await issues.open_titled(session, prefix) is not None:
        return
    summary = f"avg review {score:.1f}/5, {reviews} reviews since v{version.version}"
    label_ids = [await _label_id(session, name, color) for name, color in IMPROVEMENT_LABELS]
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
        label_ids,
    )


async def _label_id(session: AsyncSession, name: str, color: str) -> str:
    """The live label with this name, created when there is none."""
    label = await labels.named(session, name) or await labels.insert(
        session, {"name": name, "color": color}
    )
    return str(label.id)
