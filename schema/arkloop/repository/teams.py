"""Teams with their members, and account invitations."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Integer, bindparam, delete, func, literal_column, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Row, rows

from ..models import Invitation, Project, Team, TeamMember
from .owned import Owned


class Teams(Owned):
    def __init__(self) -> None:
        super().__init__(Team)
        columns = self.table.c
        counts = (
            select(TeamMember.team_id, func.count().label("n"))
            .group_by(TeamMember.team_id)
            .subquery()
        )
        # A literal zero, not a parameter: `rows` passes every parameter by name.
        none = literal_column("0", Integer)
        self.counted_statement = (
            select(*columns, func.coalesce(counts.c.n, none).label("members_count"))
            .select_from(self.table.outerjoin(counts, counts.c.team_id == columns.id))
            .where(columns.account_id == bindparam("account_id"))
            .order_by(columns.created_at, columns.id)
        )

    async def counted(self, session: AsyncSession, account_id: str) -> list[tuple[Row, int]]:
        """The account's teams, oldest first, each with its number of members."""
        found = await rows(session, self.counted_statement, {"account_id": account_id})
        return [(row, int(row.members_count)) for row in found]

    async def delete_with_members(self, session: AsyncSession, id: str) -> None:
        """The team and its memberships; its projects stay, without a team."""
        await session.execute(delete(TeamMember).where(TeamMember.team_id == id))
        await session.execute(update(Project).where(Project.team_id == id).values(team_id=None))
        await self.delete(session, id)


class Invitations(Owned):
    def __init__(self) -> None:
        super().__init__(Invitation)
        columns = self.table.c
        self.by_hash_statement = select(*columns).where(
            columns.token_hash == bindparam("token_hash")
        )

    async def by_hash(self, session: AsyncSession, token_hash: str) -> Row | None:
        found = await rows(session, self.by_hash_statement, {"token_hash": token_hash})
        return found[0] if found else None


teams = Teams()
invitations = Invitations()


async def members(session: AsyncSession, team_id: str) -> Sequence[TeamMember]:
    query = (
        select(TeamMember)
        .where(TeamMember.team_id == team_id)
        .order_by(TeamMember.created_at, TeamMember.user_id)
    )
    return (await session.scalars(query)).all()


async def member(session: AsyncSession, team_id: str, user_id: str) -> TeamMember | None:
    return await session.get(TeamMember, (team_id, user_id))
