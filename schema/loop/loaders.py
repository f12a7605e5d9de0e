"""Loop's per-request dataloaders, one per relation, named `<thing>_by_<key>`. They hand out
Loop's GraphQL types, built once per row (labels once per label): every issue sharing a
parent or a label gets the same object."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from schema._shared.loaders import many_each, one_each
from schema._shared.rows import from_rows

from . import engine_types, models, types
from . import repository as repo


class LoopLoaders:
    def __init__(self, session: AsyncSession) -> None:
        async def issues(ids: Sequence[str]) -> list[types.Issue]:
            return from_rows(types.Issue, await repo.by_ids(session, models.Issue, ids))

        async def projects(ids: Sequence[str]) -> list[types.Project]:
            return from_rows(types.Project, await repo.by_ids(session, models.Project, ids))

        async def goals(ids: Sequence[str]) -> list[types.Goal]:
            return from_rows(types.Goal, await repo.by_ids(session, models.Goal, ids))

        async def children(ids: Sequence[str]) -> list[tuple[str, types.Issue]]:
            rows = await repo.children_by_parent_ids(session, ids)
            return [(issue.parent_id or "", issue) for issue in from_rows(types.Issue, rows)]

        async def labels(ids: Sequence[str]) -> list[tuple[str, types.Label]]:
            found = await repo.labels_by_issue_ids(session, ids)
            # One object per label, however many issues carry it.
            rows = {label_id: row for _, label_id, row in found}
            labels = dict(zip(rows, from_rows(types.Label, rows.values()), strict=True))
            return [(issue_id, labels[label_id]) for issue_id, label_id, _ in found]

        async def relations(ids: Sequence[str]) -> list[tuple[str, types.IssueRelation]]:
            rows = await repo.relations_by_issue_ids(session, ids)
            return [(r.issue_id, r) for r in from_rows(types.IssueRelation, rows)]

        async def replies(ids: Sequence[str]) -> list[tuple[str, types.Comment]]:
            rows = await repo.replies_by_parent_ids(session, ids)
            return [(reply.parent_id or "", reply) for reply in from_rows(types.Comment, rows)]

        async def issue_counts(ids: Sequence[str]) -> list[tuple[str, tuple[str, int]]]:
            rows = await repo.issue_counts_by_project_ids(session, ids)
            return [(project_id, (status, count)) for project_id, status, count in rows]

        async def versions(ids: Sequence[str]) -> list[engine_types.PromptVersion]:
            return from_rows(engine_types.PromptVersion, await repo.versions_by_ids(session, ids))

        self.issue_by_id: DataLoader[str, types.Issue | None] = one_each(issues, _id)
        self.project_by_id: DataLoader[str, types.Project | None] = one_each(projects, _id)
        self.goal_by_id: DataLoader[str, types.Goal | None] = one_each(goals, _id)
        self.children_by_parent_id = many_each(children)
        self.labels_by_issue_id = many_each(labels)
        self.relations_by_issue_id = many_each(relations)
        self.replies_by_comment_id = many_each(replies)
        self.issue_counts_by_project_id = many_each(issue_counts)
        self.version_by_id: DataLoader[str, engine_types.PromptVersion | None] = one_each(
            versions, _id
        )


def _id(value: types.Issue | types.Project | types.Goal | engine_types.PromptVersion) -> str:
    return str(value.id)
