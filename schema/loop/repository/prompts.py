"""Prompt templates, their numbered versions, and reviews of versions."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import (
    Paged,
    Records,
    Row,
    key_in,
    live_select,
    paged,
    read_batch,
    read_page,
    rows,
    table_of,
)

from ..models import PromptReview, PromptTemplate, PromptVersion

TEMPLATES, VERSIONS = table_of(PromptTemplate), table_of(PromptVersion)
REVIEWS = table_of(PromptReview)


class Templates(Records):
    async def with_slug(self, session: AsyncSession, slug: str) -> Row | None:
        """The template with this slug, deleted or not: as in Loop, a deleted template keeps
        its slug."""
        found = await rows(session, _template_with_slug(), {"slug": slug})
        return found[0] if found else None

    async def with_active_version(self, session: AsyncSession) -> list[Row]:
        """Live templates that have an active version, oldest first."""
        return await rows(session, _templates_with_active_version(), {})


@cache
def _template_with_slug() -> Select[Any]:
    return select(*TEMPLATES.c).where(TEMPLATES.c.slug == bindparam("slug"))


@cache
def _templates_with_active_version() -> Select[Any]:
    return live_select(TEMPLATES, TEMPLATES.c.active_version_id.is_not(None))


class Versions(Records):
    async def page_of_template(
        self, session: AsyncSession, template_id: str, limit: int, offset: int
    ) -> tuple[list[Row], int]:
        """A template's versions, newest first."""
        values = {"template_id": template_id}
        return await read_page(session, _versions_of_template(), values, limit, offset)

    async def latest_number(self, session: AsyncSession, template_id: str) -> int:
        """The template's highest version number; 0 before its first version."""
        found = await rows(session, _latest_version_number(), {"template_id": template_id})
        return int(found[0][0] or 0)

    async def recent_by_template_ids(
        self, session: AsyncSession, template_ids: Sequence[str], per_template: int
    ) -> list[Row]:
        """Each template's `per_template` newest versions, by template then newest first."""
        ranked = (
            select(
                VERSIONS.c.id,
                func.row_number()
                .over(partition_by=VERSIONS.c.template_id, order_by=VERSIONS.c.version.desc())
                .label("rank"),
            )
            .where(VERSIONS.c.template_id.in_(template_ids))
            .subquery()
        )
        found = await session.execute(
            select(*VERSIONS.c)
            .join(ranked, ranked.c.id == VERSIONS.c.id)
            .where(ranked.c.rank <= per_template)
            .order_by(VERSIONS.c.template_id, VERSIONS.c.version.desc())
        )
        return list(found.all())

    async def count_use(self, session: AsyncSession, version_id: str) -> None:
        await session.execute(
            update(VERSIONS)
            .where(VERSIONS.c.id == version_id)
            .values(usage_count=VERSIONS.c.usage_count + 1)
        )


@cache
def _versions_of_template() -> Paged:
    version = VERSIONS.c
    return paged(
        select(*version)
        .where(version.template_id == bindparam("template_id"))
        .order_by(version.version.desc())
    )


@cache
def _latest_version_number() -> Select[Any]:
    version = VERSIONS.c
    return select(func.max(version.version)).where(version.template_id == bindparam("template_id"))


class Reviews(Records):
    async def page_of_template(
        self, session: AsyncSession, template_id: str, limit: int, offset: int
    ) -> tuple[list[Row], int]:
        """Reviews of all of a template's versions, oldest first."""
        values = {"template_id": template_id}
        return await read_page(session, _reviews_of_template(), values, limit, offset)

    async def count_of_version(self, session: AsyncSession, version_id: str) -> int:
        found = await rows(session, _review_count(), {"version_id": version_id})
        return int(found[0][0])

    async def summaries_by_template_ids(
        self, session: AsyncSession, template_ids: Sequence[str]
    ) -> list[tuple[str, int, float | None, float | None, float | None]]:
        """Per template: how many reviews its versions have, and their average scores."""
        found = await read_batch(session, _review_summaries, template_ids)
        return [
            (template_id, count, _float(clarity), _float(completeness), _float(relevance))
            for template_id, count, clarity, completeness, relevance in found
        ]


@cache
def _reviews_of_template() -> Paged:
    review, version = REVIEWS.c, VERSIONS.c
    return paged(
        select(*review)
        .join_from(REVIEWS, VERSIONS, version.id == review.version_id)
        .where(version.template_id == bindparam("template_id"))
        .order_by(review.created_at, review.id)
    )


@cache
def _review_count() -> Select[Any]:
    return select(func.count()).where(REVIEWS.c.version_id == bindparam("version_id"))


@cache
def _review_summaries(dialect: str) -> Select[Any]:
    review, version = REVIEWS.c, VERSIONS.c
    return (
        select(
            version.template_id,
            func.count(review.id),
            func.avg(review.clarity),
            func.avg(review.completeness),
            func.avg(review.relevance),
        )
        .join_from(REVIEWS, VERSIONS, version.id == review.version_id)
        .where(key_in(version.template_id, dialect))
        .group_by(version.template_id)
    )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


templates = Templates(PromptTemplate)
versions = Versions(PromptVersion)
reviews = Reviews(PromptReview)
