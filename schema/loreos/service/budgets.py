"""Budget policies (hard caps checked before any model call), the rate card and usage."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from .. import errors
from ..models import App, EndUser
from ..repository import usage as repo
from ..settings import LoreosSettings
from .apps import Principal, get_app, refuse_demo
from .metering import RESERVED, RESOURCE_TYPE, SETTLED, Rates
from .sessions import end_user

GROUP_BY = tuple(repo.GROUPS)


@dataclass(frozen=True)
class Policy:
    limit_credits: float | None
    enforcement: str
    resource_type: str


async def set_end_user_policy(
    session: AsyncSession, who: Principal, ref: str, policy: Policy
) -> EndUser:
    refuse_demo(who, "Budget changes")
    user = await end_user(session, who, ref, None)
    user.limit_credits = policy.limit_credits
    user.enforcement = policy.enforcement
    user.resource_type = policy.resource_type
    await session.flush()
    return user


async def set_app_policy(session: AsyncSession, who: Principal, app_id: str, policy: Policy) -> App:
    refuse_demo(who, "Budget changes")
    if app_id != who.app_id:
        raise errors.AppNotFound(f"No app {app_id!r}")
    app = await get_app(session, who)
    app.limit_credits = policy.limit_credits
    app.enforcement = policy.enforcement
    await session.flush()
    return app


async def spent(session: AsyncSession, who: Principal, ref: str | None = None) -> float:
    return await repo.spent(session, who.app_id, ref)


@dataclass(frozen=True)
class Usage:
    group_by: str
    reserved: float
    settled: float
    groups: list[tuple[str, float, int]]


async def usage(session: AsyncSession, who: Principal, group_by: str) -> Usage:
    if group_by not in repo.GROUPS:
        raise errors.InvalidValue(
            f"group_by must be one of {', '.join(GROUP_BY)}",
            fix="Use one of: " + ", ".join(GROUP_BY),
        )
    totals = await repo.totals(session, who.app_id)
    groups = await repo.rollup(session, who.app_id, group_by)
    return Usage(group_by, totals.get(RESERVED, 0.0), totals.get(SETTLED, 0.0), groups)


def rate_card(settings: LoreosSettings) -> tuple[str, Rates]:
    return RESOURCE_TYPE, Rates.of(settings)
