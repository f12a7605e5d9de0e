"""Loop's per-request dataloaders, one class per relation, named for what it hands out and by
which key; `context.loaders[IssueById]` builds one on first use (a request needs a few). They
hand out Loop's GraphQL types, built once per row (labels once per label): every issue sharing
a parent or a label gets the same object."""

from __future__ import annotations

from collections.abc import Sequence

from app.loaders import ManyEach, OneEach
from schema._shared.rows import from_rows

from . import types
from .repository.issues import comments, issues, labels, relations
from .repository.projects import goals, projects
from .repository.prompts import versions


class IssueById(OneEach[str, "types.Issue"]):
    async def fetch(self, ids: Sequence[str]) -> list[types.Issue]:
        return from_rows(types.Issue, await issues.by_ids(self.session, ids))


class ProjectById(OneEach[str, "types.Project"]):
    async def fetch(self, ids: Sequence[str]) -> list[types.Project]:
        return from_rows(types.Project, await projects.by_ids(self.session, ids))


class GoalById(OneEach[str, "types.Goal"]):
    async def fetch(self, ids: Sequence[str]) -> list[types.Goal]:
        return from_rows(types.Goal, await goals.by_ids(self.session, ids))


class PromptVersionById(OneEach[str, "types.PromptVersion"]):
    async def fetch(self, ids: Sequence[str]) -> list[types.PromptVersion]:
        return from_rows(types.PromptVersion, await versions.by_ids(self.session, ids))


class ChildrenByParentId(ManyEach[str, "types.Issue"]):
    """Live sub-issues, oldest first."""

    async def fetch(self, ids: Sequence[str]) -> list[tuple[str, types.Issue]]:
        rows = await issues.children_by_parent_ids(self.session, ids)
        return [(issue.parent_id or "", issue) for issue in from_rows(types.Issue, rows)]


class LabelsByIssueId(ManyEach[str, "types.Label"]):
    async def fetch(self, ids: Sequence[str]) -> list[tuple[str, types.Label]]:
        found = await labels.by_issue_ids(self.session, ids)
        # One object per label, however many issues carry it.
        rows = {label_id: row for _, label_id, row in found}
        built = dict(zip(rows, from_rows(types.Label, rows.values()), strict=True))
        return [(issue_id, built[label_id]) for issue_id, label_id, _ in found]


class RelationsByIssueId(ManyEach[str, "types.IssueRelation"]):
    async def fetch(self, ids: Sequence[str]) -> list[tuple[str, types.IssueRelation]]:
        rows = await relations.by_issue_ids(self.session, ids)
        return [(r.issue_id, r) for r in from_rows(types.IssueRelation, rows)]


class RepliesByCommentId(ManyEach[str, "types.Comment"]):
    async def fetch(self, ids: Sequence[str]) -> list[tuple[str, types.Comment]]:
        rows = await comments.replies_by_comment_ids(self.session, ids)
        return [(reply.parent_id or "", reply) for reply in from_rows(types.Comment, rows)]


class IssueCountsByProjectId(ManyEach[str, tuple[str, int]]):
    """Each project's live issues counted by status, as `(status, count)` pairs."""

    async def fetch(self, ids: Sequence[str]) -> list[tuple[str, tuple[str, int]]]:
        rows = await issues.counts_by_project_ids(self.session, ids)
        return [(project_id, (status, count)) for project_id, status, count in rows]
