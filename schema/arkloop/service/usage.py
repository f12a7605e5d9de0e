"""Token use and cost of an account's runs: by month, by day and by model. The caller's own
account (`/v1/me/usage...`) or any account it is a member of (`/v1/accounts/{id}/usage...`);
other accounts do not exist here. Days are UTC dates; `end` is included."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from .. import errors
from ..repository import identity
from ..repository import runs as repo
from .auth import Principal

MAX_DAYS = 366


async def account_of(session: AsyncSession, who: Principal, account_id: str | None) -> str:
    if account_id is None or account_id == who.account_id:
        return who.account_id
    if await identity.membership(session, account_id, who.user_id) is None:
        raise errors.AccountNotFound()
    return account_id


def month_range(year: int | None, month: int | None) -> tuple[int, int, datetime, datetime]:
    now = datetime.now(UTC)
    year, month = year or now.year, month or now.month
    start = datetime(year, month, 1, tzinfo=UTC)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    return year, month, start, end


def day_range(start: str, end: str) -> tuple[datetime, datetime]:
    first, last = _day(start, "start"), _day(end, "end")
    if last < first or (last - first).days >= MAX_DAYS:
        raise errors.invalid(
            f"end must be on or after start, at most {MAX_DAYS} days later", reason="bad_range"
        )
    begin = datetime(first.year, first.month, first.day, tzinfo=UTC)
    return begin, begin + timedelta(days=(last - first).days + 1)


def _day(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value) if len(value) == 10 else _bad_day(field)
    except ValueError:
        return _bad_day(field)


def _bad_day(field: str) -> date:
    raise errors.invalid(f"{field} must be a date YYYY-MM-DD", reason="bad_date", field=field)


async def daily(
    session: AsyncSession, who: Principal, account_id: str | None, start: str, end: str
) -> list[repo.UsageGroup]:
    account = await account_of(session, who, account_id)
    begin, stop = day_range(start, end)
    return await repo.usage_by(session, account, begin, stop, "day")


async def by_model(
    session: AsyncSession,
    who: Principal,
    account_id: str | None,
    year: int | None,
    month: int | None,
) -> list[repo.UsageGroup]:
    account = await account_of(session, who, account_id)
    _, _, begin, stop = month_range(year, month)
    return await repo.usage_by(session, account, begin, stop, "model")


async def monthly(
    session: AsyncSession,
    who: Principal,
    account_id: str | None,
    year: int | None,
    month: int | None,
) -> tuple[str, int, int, tuple[int, int, int, float]]:
    """The account, the month, and its input tokens, output tokens, runs and cost."""
    account = await account_of(session, who, account_id)
    year, month, begin, stop = month_range(year, month)
    return account, year, month, await repo.usage(session, account, begin, stop)
