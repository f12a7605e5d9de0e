"""Loop's per-request dataloaders, one per relation, named `<thing>_by_<key>`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row as Record
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from schema._shared.loaders import many_each, one_each

from . import repository as repo
from .models import Comment, Goal, Issue, IssueRelation, Project, PromptVersion


class LoopLoaders:
    def __init__(self, session: AsyncSession) -> None:
        async def issues(ids: Sequence[str]) -> list[Record[Any]]:
            return await repo.by_ids(session, Issue, ids)

        async def projects(ids: Sequence[str]) -> list[Record[Any]]:
            return await repo.by_ids(session, Project, ids)

        async def goals(ids: Sequence[str]) -> list[Record[Any]]:
            return await repo.by_ids(session, Goal, ids)

        async def children(ids: Sequence[str]) -> list[tuple[str, Issue]]:
            rows = await repo.children_by_parent_ids(session, ids)
            return [(row.parent_id or "", row) for row in rows]

        async def labels(ids: Sequence[str]) -> list[tuple[str, Record[Any]]]:
            return await repo.labels_by_issue_ids(session, ids)

        async def relations(ids: Sequence[str]) -> list[tuple[str, IssueRelation]]:
            return [(row.issue_id, row) for row in await repo.relations_by_issue_ids(session, ids)]

        async def replies(ids: Sequence[str]) -> list[tuple[str, Comment]]:
            rows = await repo.replies_by_parent_ids(session, ids)
            return [(row.parent_id or "", row) for row in rows]

        async def issue_counts(ids: Sequence[str]) -> list[tuple[str, tuple[str, int]]]:
            rows = await repo.issue_counts_by_project_ids(session, ids)
            return [(project_id, (status, count)) for project_id, status, count in rows]

        async def versions(ids: Sequence[str]) -> list[PromptVersion]:
            return await repo.versions_by_ids(session, ids)

        self.issue_by_id: DataLoader[str, Record[Any] | None] = one_each(issues, lambda row: row.id)
        self.project_by_id: DataLoader[str, Record[Any] | None] = one_each(projects, lambda r: r.id)
        self.goal_by_id: DataLoader[str, Record[Any] | None] = one_each(goals, lambda row: row.id)
        self.children_by_parent_id = many_each(children)
        self.labels_by_issue_id = many_each(labels)
        self.relations_by_issue_id = many_each(relations)
        self.replies_by_comment_id = many_each(replies)
        self.issue_counts_by_project_id = many_each(issue_counts)
        self.version_by_id: DataLoader[str, PromptVersion | None] = one_each(
            versions, lambda v: v.id
        )
