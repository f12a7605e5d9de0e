"""Loop's per-request dataloaders, one per relation, named `<thing>_by_<key>` and built on first
use (a request needs a few of them). They hand out Loop's GraphQL types, built once per row
(labels once per label): every issue sharing a parent or a label gets the same object."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from schema._shared.loaders import many_each, one_each
from schema._shared.rows import from_rows

from . import engine_types, models, types
from . import repository as repo

Loader = TypeVar("Loader", bound=DataLoader[Any, Any])


def _built_once(build: Callable[[LoopLoaders], Loader]) -> cached_property[Loader]:
    return cached_property(build)


class LoopLoaders:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    issue_by_id = _built_once(lambda self: one_each(self._issues, _id))
    project_by_id = _built_once(lambda self: one_each(self._projects, _id))
    goal_by_id = _built_once(lambda self: one_each(self._goals, _id))
    version_by_id = _built_once(lambda self: one_each(self._versions, _id))
    children_by_parent_id = _built_once(lambda self: many_each(self._children))
    labels_by_issue_id = _built_once(lambda self: many_each(self._labels))
    relations_by_issue_id = _built_once(lambda self: many_each(self._relations))
    replies_by_comment_id = _built_once(lambda self: many_each(self._replies))
    issue_counts_by_project_id = _built_once(lambda self: many_each(self._issue_counts))

    async def _issues(self, ids: Sequence[str]) -> list[types.Issue]:
        return from_rows(types.Issue, await repo.by_ids(self.session, models.Issue, ids))

    async def _projects(self, ids: Sequence[str]) -> list[types.Project]:
        return from_rows(types.Project, await repo.by_ids(self.session, models.Project, ids))

    async def _goals(self, ids: Sequence[str]) -> list[types.Goal]:
        return from_rows(types.Goal, await repo.by_ids(self.session, models.Goal, ids))

    async def _versions(self, ids: Sequence[str]) -> list[engine_types.PromptVersion]:
        return from_rows(engine_types.PromptVersion, await repo.versions_by_ids(self.session, ids))

    async def _children(self, ids: Sequence[str]) -> list[tuple[str, types.Issue]]:
        rows = await repo.children_by_parent_ids(self.session, ids)
        return [(issue.parent_id or "", issue) for issue in from_rows(types.Issue, rows)]

    async def _labels(self, ids: Sequence[str]) -> list[tuple[str, types.Label]]:
        found = await repo.labels_by_issue_ids(self.session, ids)
        # One object per label, however many issues carry it.
        rows = {label_id: row for _, label_id, row in found}
        labels = dict(zip(rows, from_rows(types.Label, rows.values()), strict=True))
        return [(issue_id, labels[label_id]) for issue_id, label_id, _ in found]

    async def _relations(self, ids: Sequence[str]) -> list[tuple[str, types.IssueRelation]]:
        rows = await repo.relations_by_issue_ids(self.session, ids)
        return [(r.issue_id, r) for r in from_rows(types.IssueRelation, rows)]

    async def _replies(self, ids: Sequence[str]) -> list[tuple[str, types.Comment]]:
        rows = await repo.replies_by_parent_ids(self.session, ids)
        return [(reply.parent_id or "", reply) for reply in from_rows(types.Comment, rows)]

    async def _issue_counts(self, ids: Sequence[str]) -> list[tuple[str, tuple[str, int]]]:
        rows = await repo.issue_counts_by_project_ids(self.session, ids)
        return [(project_id, (status, count)) for project_id, status, count in rows]


def _id(value: types.Issue | types.Project | types.Goal | engine_types.PromptVersion) -> str:
    return str(value.id)
