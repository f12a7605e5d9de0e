"""Teams and their members, and invitations into an account."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..service import teams
from ..types.common import ArkloopInfo, Ok
from ..types.inputs import AddTeamMemberInput, CreateInvitationInput, CreateTeamInput
from ..types.teams import Invitation, Team, TeamMember


@strawberry.type
class TeamMutation:
    @fields.mutation()
    async def create_team(self, info: ArkloopInfo, input: CreateTeamInput) -> Team:
        row = await teams.create_team(info.context.session, info.context.principal, input.name)
        return Team.of(row, members_count=0)

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
