"""Projects and the goals they track."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row as Record
from sqlalchemy.ext.asyncio import AsyncSession

from .. import repository as repo
from ..errors import GOAL_NOT_FOUND, PROJECT_NOT_FOUND
from ..models import Goal, Project
from .issues import Changes, _found, check_references, rule, soft_delete, touch


async def list_projects(
    session: AsyncSession, limit: int, offset: int
) -> tuple[list[Record[Any]], int]:
    return await repo.live_page(session, Project, limit, offset)


async def get_project(session: AsyncSession, id: str) -> Project:
    project: Project = await _found(session, Project, id, PROJECT_NOT_FOUND)
    return project


async def read_project(session: AsyncSession, id: str) -> Record[Any]:
    """`get_project` as a plain row, for reads."""
    row: Record[Any] = await _found(session, Project, id, PROJECT_NOT_FOUND, repo.live_record)
    return row


async def _check_goal(session: AsyncSession, changes: Changes) -> None:
    if (
        changes.get("goal_id") is not None
        and await repo.live(session, Goal, changes["goal_id"]) is None
    ):
        raise rule(GOAL_NOT_FOUND)


async def create_project(session: AsyncSession, fields: Changes) -> Project:
    await _check_goal(session, fields)
    project = Project(**fields)
    await repo.save(session, project)
    return project


async def update_project(session: AsyncSession, id: str, changes: Changes) -> Project:
    project = await get_project(session, id)
    await _check_goal(session, changes)
    touch(project, changes)
    await session.flush()
    return project


async def delete_project(session: AsyncSession, id: str) -> None:
    await soft_delete(session, await get_project(session, id))


async def list_goals(
    session: AsyncSession, limit: int, offset: int
) -> tuple[list[Record[Any]], int]:
    return await repo.live_page(session, Goal, limit, offset)


async def get_goal(session: AsyncSession, id: str) -> Goal:
    goal: Goal = await _found(session, Goal, id, GOAL_NOT_FOUND)
    return goal


async def read_goal(session: AsyncSession, id: str) -> Record[Any]:
    """`get_goal` as a plain row, for reads."""
    row: Record[Any] = await _found(session, Goal, id, GOAL_NOT_FOUND, repo.live_record)
    return row


async def create_goal(session: AsyncSession, fields: Changes) -> Goal:
    await check_references(session, fields, None)
    goal = Goal(**fields)
    await repo.save(session, goal)
    return goal


async def update_goal(session: AsyncSession, id: str, changes: Changes) -> Goal:
    goal = await get_goal(session, id)
    await check_references(session, changes, None)
    touch(goal, changes)
    await session.flush()
    return goal


async def delete_goal(session: AsyncSession, id: str) -> None:
    await soft_delete(session, await get_goal(session, id))
