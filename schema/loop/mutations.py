"""Loop's mutations. Deletes answer `true`; REST renders them as 204 with no body."""

from __future__ import annotations

import strawberry

from schema._shared import fields
from schema._shared.rows import from_row, provided

from . import service
from .types import (
    Comment,
    CreateCommentInput,
    CreateGoalInput,
    CreateIssueInput,
    CreateLabelInput,
    CreateProjectInput,
    CreateRelationInput,
    Goal,
    Issue,
    IssueRelation,
    Label,
    LoopInfo,
    Project,
    UpdateGoalInput,
    UpdateIssueInput,
    UpdateProjectInput,
)


@strawberry.type
class CoreMutation:
    @fields.mutation()
    async def create_issue(self, info: LoopInfo, input: CreateIssueInput) -> Issue:
        values = provided(input)
        label_ids = values.pop("label_ids", None) or []
        row = await service.create_issue(info.context.session, values, label_ids)
        return from_row(Issue, row)

    @fields.mutation()
    async def update_issue(
        self, info: LoopInfo, id: strawberry.ID, input: UpdateIssueInput
    ) -> Issue:
        row = await service.update_issue(info.context.session, id, provided(input))
        return from_row(Issue, row)

    @fields.mutation(description="Soft-deletes the issue.")
    async def delete_issue(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await service.delete_issue(info.context.session, id)
        return True

    @fields.mutation()
    async def create_relation(
        self, info: LoopInfo, issue_id: strawberry.ID, input: CreateRelationInput
    ) -> IssueRelation:
        row = await service.create_relation(
            info.context.session, issue_id, input.type.value, input.related_issue_id
        )
        return from_row(IssueRelation, row)

    @fields.mutation(description="Deletes the relation for good.")
    async def delete_relation(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await service.delete_relation(info.context.session, id)
        return True

    @fields.mutation()
    async def create_comment(
        self, info: LoopInfo, issue_id: strawberry.ID, input: CreateCommentInput
    ) -> Comment:
        row = await service.create_comment(info.context.session, issue_id, provided(input))
        return from_row(Comment, row)

    @fields.mutation()
    async def create_label(self, info: LoopInfo, input: CreateLabelInput) -> Label:
        row = await service.create_label(info.context.session, input.name, input.color)
        return from_row(Label, row)

    @fields.mutation(description="Soft-deletes the label.")
    async def delete_label(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await service.delete_label(info.context.session, id)
        return True

    @fields.mutation()
    async def create_project(self, info: LoopInfo, input: CreateProjectInput) -> Project:
        row = await service.create_project(info.context.session, provided(input))
        return from_row(Project, row)

    @fields.mutation()
    async def update_project(
        self, info: LoopInfo, id: strawberry.ID, input: UpdateProjectInput
    ) -> Project:
        row = await service.update_project(info.context.session, id, provided(input))
        return from_row(Project, row)

    @fields.mutation(description="Soft-deletes the project.")
    async def delete_project(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await service.delete_project(info.context.session, id)
        return True

    @fields.mutation()
    async def create_goal(self, info: LoopInfo, input: CreateGoalInput) -> Goal:
        row = await service.create_goal(info.context.session, provided(input))
        return from_row(Goal, row)

    @fields.mutation()
    async def update_goal(self, info: LoopInfo, id: strawberry.ID, input: UpdateGoalInput) -> Goal:
        row = await service.update_goal(info.context.session, id, provided(input))
        return from_row(Goal, row)

    @fields.mutation(description="Soft-deletes the goal.")
    async def delete_goal(self, info: LoopInfo, id: strawberry.ID) -> bool:
        await service.delete_goal(info.context.session, id)
        return True
