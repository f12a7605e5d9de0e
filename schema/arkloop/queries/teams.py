"""Teams of the caller's account and an account's invitations."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..service import teams
from ..types.common import ArkloopInfo
from ..types.teams import Invitation, Team, TeamMember


@strawberry.type
class TeamQuery:
    @fields.query(description="The teams of the caller's account.")
    async def teams(self, info: ArkloopInfo) -> list[Team]:
        rows = await teams.list_teams(info.context.session, info.context.principal)
        return [Team.of(row, members_count) for row, members_count in rows]

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
