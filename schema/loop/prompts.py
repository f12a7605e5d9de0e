"""Prompt templates, their versions and reviews: Loop's rules for versioning, promotion,
selection against an issue, hydration, and review scoring (EWMA) with improvement tasks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, NotFound

from . import repository as repo
from .errors import (
    ISSUE_NOT_FOUND,
    TEMPLATE_EXISTS,
    TEMPLATE_NOT_FOUND,
    TRIPLE_BRACES,
    VERSION_ALREADY_ACTIVE,
    VERSION_NOT_FOUND,
)
from .hydration import render
from .models import Goal, Issue, Project, PromptReview, PromptTemplate, PromptVersion
from .service import Changes, check_references, create_issue, rule, soft_delete, touch

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


# --- selection and hydration -----------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    template: PromptTemplate
    version: PromptVersion
    prompt: str


def matches(conditions: Mapping[str, Any], facts: Mapping[str, Any]) -> bool:
    """All conditions must hold; `labels` must all be present; confidence is a minimum."""
    for key, wanted in conditions.items():
        if key == "labels":
            if not set(wanted) <= set(facts["labels"]):
                return False
        elif key == "hypothesisConfidence":
            if facts["hypothesisConfidence"] is None or facts["hypothesisConfidence"] < wanted:
                return False
        elif facts.get(key) != wanted:
            return False
    return True


async def _context(session: AsyncSession, issue: Issue) -> dict[str, Any]:
    parent = await repo.live(session, Issue, issue.parent_id) if issue.parent_id else None
    project = await repo.live(session, Project, issue.project_id) if issue.project_id else None
    goal = await repo.live(session, Goal, project.goal_id) if project and project.goal_id else None
    labels = await repo.label_names(session, issue.id)
    family = (
        await repo.siblings(session, issue)
        if parent
        else await repo.children_by_parent_ids(session, [issue.id])
    )
    return {
        "issue": _row(issue),
        "parent": _row(parent),
        ("siblings" if parent else "children"): [_row(row) for row in family],
        "project": _row(project),
        "goal": _row(goal),
        "labels": [{"name": name, "color": color} for name, color in labels],
        "blocking": [_ref(row) for row in await repo.related_issues(session, issue.id, "blocks")],
        "blockedBy": [
            _ref(row) for row in await repo.related_issues(session, issue.id, "blocked_by")
        ],
        "previousSessions": (
            [{"status": issue.status, "agentSummary": issue.agent_summary}]
            if issue.agent_summary
            else []
        ),
    }


def _row(row: Any) -> dict[str, Any] | None:
    """A row (an ORM object or a plain row) as templates see it: Loop's camelCase names."""
    if row is None:
        return None
    if hasattr(row, "__table__"):
        return {_camel(column.key): getattr(row, column.key) for column in row.__table__.columns}
    return {_camel(name): value for name, value in row._mapping.items()}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _ref(issue: Issue) -> dict[str, Any]:
    return {"number": issue.number, "title": issue.title}


def _facts(issue: Issue, labels: list[str]) -> dict[str, Any]:
    hypothesis = issue.hypothesis or {}
    return {
        "type": issue.type,
        "signalSource": issue.signal_source,
        "labels": labels,
        "projectId": issue.project_id,
        "hasFailedSessions": bool(issue.agent_summary) and issue.status != "done",
        "hypothesisConfidence": hypothesis.get("confidence"),
    }


async def select_and_hydrate(
    session: AsyncSession, issue: Issue, *, loop_url: str, loop_token: str
) -> Selection | None:
    """Project-specific templates first, then higher specificity; none matching gives None."""
    context = await _context(session, issue)
    facts = _facts(issue, [label["name"] for label in context["labels"]])
    candidates = [
        template
        for template in await repo.live_templates_with_active_version(session)
        if template.project_id in (None, issue.project_id) and matches(template.conditions, facts)
    ]
    if not candidates:
        return None
    template = max(candidates, key=lambda t: (t.project_id is not None, t.specificity))
    version = await repo.version(session, template.active_version_id or "")
    assert version is not None
    meta = {
        "templateId": template.id,
        "templateSlug": template.slug,
        "versionId": version.id,
        "versionNumber": version.version,
    }
    context |= {"loopUrl": loop_url, "loopToken": loop_token, "meta": meta}
    return Selection(template, version, render(version.content, context))
