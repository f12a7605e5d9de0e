"""The caller's notifications (its user, in its account): listed, marked read one or all.
Arkloop writes one itself when a run spends an account's last credits, to the run's starter;
admin broadcasts come with platform administration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Row

from .. import errors
from ..models import Run
from ..repository import notifications as repo

if TYPE_CHECKING:
    from .auth import Principal


async def mine(
    session: AsyncSession, who: Principal, unread_only: bool, type: str | None
) -> list[Row]:
    return await repo.listed(session, who.user_id, who.account_id, unread_only, type)


async def mark_read(session: AsyncSession, who: Principal, id: str) -> None:
    """Marking a read notification again is a no-op; another's is not found."""
    if not await repo.exists(session, who.user_id, who.account_id, id):
        raise errors.NotificationNotFound()
    await repo.mark_read(session, who.user_id, who.account_id, id)


async def mark_all_read(session: AsyncSession, who: Principal) -> int:
    return await repo.mark_read(session, who.user_id, who.account_id)


async def credits_exhausted(session: AsyncSession, run: Run, balance: int) -> None:
    if run.created_by_user_id is None:
        return
    await repo.add(
        session,
        run.created_by_user_id,
        run.account_id,
        "credits.exhausted",
        "Credits used up",
        "This account has no credits left; new runs are refused until credits are added.",
        {"run_id": run.id, "thread_id": run.thread_id, "balance": balance},
    )
