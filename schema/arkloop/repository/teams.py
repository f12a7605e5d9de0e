"""Teams with their members, and account invitations."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Invitation, Project, Team, TeamMember


async def team(session: AsyncSession, account_id: str, id: str) -> Team | None:
    query = select(Team).where(Team.account_id == account_id, Team.id == id)
    return (await session.scalars(query)).first()


async def teams(session: AsyncSession, account_id: str) -> list[tuple[Team, int]]:
    counts = (
        select(TeamMember.team_id, func.count().label("n")).group_by(TeamMember.team_id).subquery()
    )
    query = (
        select(Team, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.team_id == Team.id)
        .where(Team.account_id == account_id)
        .order_by(Team.created_at, Team.id)
    )
    return [(row, int(n)) for row, n in (await session.execute(query)).all()]


async def member_count(session: AsyncSession, team_id: str) -> int:
    query = select(func.count()).select_from(TeamMember).where(TeamMember.team_id == team_id)
    return int(await session.scalar(query) or 0)


async def members(session: AsyncSession, team_id: str) -> Sequence[TeamMember]:
    query = (
        select(TeamMember)
        .where(TeamMember.team_id == team_id)
        .order_by(TeamMember.created_at, TeamMember.user_id)
    )
    return (await session.scalars(query)).all()


async def member(session: AsyncSession, team_id: str, user_id: str) -> TeamMember | None:
    return await session.get(TeamMember, (team_id, user_id))


async def delete_team(session: AsyncSession, team_id: str) -> None:
    await session.execute(delete(TeamMember).where(TeamMember.team_id == team_id))
    await session.execute(update(Project).where(Project.team_id == team_id).values(team_id=None))
    await session.execute(delete(Team).where(Team.id == team_id))


async def invitation_by_hash(session: AsyncSession, token_hash: str) -> Invitation | None:
    query = select(Invitation).where(Invitation.token_hash == token_hash)
    return (await session.scalars(query)).first()


async def invitations(session: AsyncSession, account_id: str) -> Sequence[Invitation]:
    query = (
        select(Invitation)
        .where(Invitation.account_id == account_id)
        .order_by(Invitation.created_at.desc(), Invitation.id)
    )
    return (await session.scalars(query)).all()
