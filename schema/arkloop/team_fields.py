"""Arkloop's teams and account invitations over GraphQL (and the REST routes generated from
these fields)."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from . import teams
from .inputs import AddTeamMemberInput, CreateInvitationInput, CreateTeamInput
from .types import ArkloopInfo, Invitation, Ok, Team, TeamMember


@strawberry.type
class TeamQuery:
    @fields.query(description="The teams of the caller's account.")
    async def teams(self, info: ArkloopInfo) -> list[Team]:
        rows = await teams.list_teams(info.context.session, info.context.principal)
        return [
            Team(
                id=t.id,
                account_id=t.account_id,
                name=t.name,
                members_count=n,
                created_at=t.created_at,
            )
            for t, n in rows
        ]

    @fields.query()
    async def team_members(self, info: ArkloopInfo, id: strawberry.ID) -> list[TeamMember]:
        rows = await teams.team_members(info.context.session, info.context.principal, id)
        return [TeamMember.of(row) for row in rows]

    @fields.query(description="An account's invitations (owners and admins).")
    async def invitations(self, info: ArkloopInfo, account_id: strawberry.ID) -> list[Invitation]:
        rows = await teams.list_invitations(
            info.context.session, info.context.principal, account_id
        )
        return [Invitation.of(row) for row in rows]


@strawberry.type
class TeamMutation:
    @fields.mutation()
    async def create_team(self, info: ArkloopInfo, input: CreateTeamInput) -> Team:
        row = await teams.create_team(info.context.session, info.context.principal, input.name)
        return Team(
            id=row.id,
            account_id=row.account_id,
            name=row.name,
            members_count=0,
            created_at=row.created_at,
        )

    @fields.mutation()
    async def delete_team(self, info: ArkloopInfo, id: strawberry.ID) -> bool:
        await teams.delete_team(info.context.session, info.context.principal, id)
        return True

    @fields.mutation(description="Adds a member of the team's account to the team.")
    async def add_team_member(
        self, info: ArkloopInfo, id: strawberry.ID, input: AddTeamMemberInput
    ) -> TeamMember:
        row = await teams.add_team_member(
            info.context.session, info.context.principal, id, input.user_id, input.role
        )
        return TeamMember.of(row)

    @fields.mutation()
    async def remove_team_member(
        self, info: ArkloopInfo, id: strawberry.ID, user_id: strawberry.ID
    ) -> bool:
        await teams.remove_team_member(info.context.session, info.context.principal, id, user_id)
        return True

    @fields.mutation(
        description="Invites an email address into the account; the invitation is mailed and "
        "its token is in this answer only."
    )
    async def create_invitation(
        self, info: ArkloopInfo, account_id: strawberry.ID, input: CreateInvitationInput
    ) -> Invitation:
        ctx = info.context
        row, token = await teams.invite(
            ctx.session, ctx.domain_settings, ctx.principal, account_id, input.email, input.role
        )
        return Invitation.of(row, token)

    @fields.mutation(description="Joins the invitation's account (it must be the caller's email).")
    async def accept_invitation(self, info: ArkloopInfo, token: str) -> Ok:
        await teams.accept(info.context.session, info.context.principal, token)
        return Ok()

    @fields.mutation()
    async def revoke_invitation(self, info: ArkloopInfo, id: strawberry.ID) -> bool:
        await teams.revoke(info.context.session, info.context.principal, id)
        return True
