"""Credits: a new account starts with `initial_credits`; a completed run spends its recorded
cost (`credits_per_usd` credits a dollar, rounded up); a run is refused while the balance is
not positive. Runs spend after they finish, so concurrent runs may take a balance below zero;
the next run is then refused."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from .. import errors
from ..models import Run
from ..repository import credits as ledger
from ..settings import ArkloopSettings
from . import notifications

if TYPE_CHECKING:  # auth grants a new account its first credits
    from .auth import Principal

LISTED_ENTRIES = 100


async def grant_first(session: AsyncSession, settings: ArkloopSettings, account_id: str) -> None:
    if settings.initial_credits > 0:
        await ledger.add(session, account_id, settings.initial_credits, "initial_grant")


async def has_credits(session: AsyncSession, account_id: str) -> bool:
    return await ledger.balance(session, account_id) > 0


async def require_credits(session: AsyncSession, account_id: str) -> None:
    if not await has_credits(session, account_id):
        raise errors.CreditsExhausted()


def credits_for(settings: ArkloopSettings, cost_usd: float | None) -> int:
    return math.ceil(cost_usd * settings.credits_per_usd) if cost_usd else 0


async def charge(session: AsyncSession, settings: ArkloopSettings, run: Run) -> None:
    spent = credits_for(settings, run.total_cost_usd)
    if spent <= 0:
        return
    await ledger.add(session, run.account_id, -spent, "run", run.id)
    left = await ledger.balance(session, run.account_id)
    if left <= 0 < left + spent:  # this run spent the last of them
        await notifications.credits_exhausted(session, run, left)


async def mine(session: AsyncSession, who: Principal) -> tuple[int, list[ledger.Entry]]:
    """The caller's account's balance and its latest entries."""
    balance = await ledger.balance(session, who.account_id)
    return balance, await ledger.entries(session, who.account_id, LISTED_ENTRIES)
