"""The credits ledger: entries are only ever added, and an account's balance is their sum,
read by `balance` and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow

from ..models import CreditTransaction, Run, Thread, new_id


async def add(
    session: AsyncSession,
    account_id: str,
    amount: int,
    reference_type: str,
    reference_id: str | None = None,
    note: str | None = None,
) -> None:
    session.add(
        CreditTransaction(
            id=new_id(),
            account_id=account_id,
            amount=amount,
            reference_type=reference_type,
            reference_id=reference_id,
            note=note,
            created_at=utcnow(),
        )
    )
    await session.flush()


async def balance(session: AsyncSession, account_id: str) -> int:
    query = select(func.coalesce(func.sum(CreditTransaction.amount), 0)).where(
        CreditTransaction.account_id == account_id
    )
    return int((await session.execute(query)).scalar_one())


@dataclass(frozen=True)
class Entry:
    id: str
    account_id: str
    amount: int
    reference_type: str
    reference_id: str | None
    note: str | None
    thread_title: str | None
    created_at: datetime


async def entries(session: AsyncSession, account_id: str, limit: int) -> list[Entry]:
    """The account's latest entries, newest first; a run's spend names its thread's title."""
    ledger = CreditTransaction
    query = (
        select(
            ledger.id,
            ledger.account_id,
            ledger.amount,
            ledger.reference_type,
            ledger.reference_id,
            ledger.note,
            Thread.title,
            ledger.created_at,
        )
        .outerjoin(Run, (ledger.reference_type == "run") & (Run.id == ledger.reference_id))
        .outerjoin(Thread, Thread.id == Run.thread_id)
        .where(ledger.account_id == account_id)
        .order_by(ledger.created_at.desc(), ledger.id.desc())
        .limit(limit)
    )
    return [Entry(*row) for row in (await session.execute(query)).all()]
