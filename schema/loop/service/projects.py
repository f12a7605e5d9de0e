"""Projects and the goals they track."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound
from schema._shared.repository import Row

from ..errors import GOAL_NOT_FOUND, PROJECT_NOT_FOUND
from ..repository.projects import goals, projects
from .issues import Changes, found, rule


async def list_projects(session: AsyncSession, limit: int, offset: int) -> tuple[list[Row], int]:
    return await projects.page(session, limit, offset)


async def get_project(session: AsyncSession, id: str) -> Row:
    return found(await projects.live(session, id), PROJECT_NOT_FOUND)


async def _check_goal(session: AsyncSession, changes: Changes) -> None:
    if changes.get("goal_id") is not None and await goals.live(session, changes["goal_id"]) is None:
        raise rule(GOAL_NOT_FOUND)


async def create_project(session: AsyncSession, fields: Changes) -> Row:
    await _check_goal(session, fields)
    return await projects.insert(session, fields)


async def update_project(session: AsyncSession, id: str, changes: Changes) -> Row:
    project = await get_project(session, id)
    await _check_goal(session, changes)
    return found(await projects.update(session, project.id, changes), PROJECT_NOT_FOUND)


async def delete_project(session: AsyncSession, id: str) -> None:
    if not await projects.soft_delete(session, id):
        raise NotFound(PROJECT_NOT_FOUND)


async def list_goals(session: AsyncSession, limit: int, offset: int) -> tuple[list[Row], int]:
    return await goals.page(session, limit, offset)


async def get_goal(session: AsyncSession, id: str) -> Row:
    return found(await goals.live(session, id), GOAL_NOT_FOUND)


async def create_goal(session: AsyncSession, fields: Changes) -> Row:
    """As in Loop, a goal's `projectId` is stored as given: no project need have that id."""
    return await goals.insert(session, fields)


async def update_goal(session: AsyncSession, id: str, changes: Changes) -> Row:
    goal = await get_goal(session, id)
    return found(await goals.update(session, goal.id, changes), GOAL_NOT_FOUND)


async def delete_goal(session: AsyncSession, id: str) -> None:
    if not await goals.soft_delete(session, id):
        raise NotFound(GOAL_NOT_FOUND)
