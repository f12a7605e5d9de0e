"""The caller's account's credits: its balance and latest ledger entries."""

from __future__ import annotations

from datetime import datetime

import strawberry

from ..repository.credits import Entry
from .common import ID


@strawberry.type
class CreditTransaction:
    id: ID
    account_id: ID
    org_id: ID
    amount: int
    type: str = strawberry.field(description="`credit` when it adds, `debit` when it spends.")
    reference_type: str
    reference_id: ID | None
    note: str | None
    thread_title: str | None
    created_at: datetime

    @classmethod
    def of(cls, entry: Entry) -> CreditTransaction:
        return cls(
            id=entry.id,
            account_id=entry.account_id,
            org_id=entry.account_id,
            amount=entry.amount,
            type="credit" if entry.amount >= 0 else "debit",
            reference_type=entry.reference_type,
            reference_id=entry.reference_id,
            note=entry.note,
            thread_title=entry.thread_title,
            created_at=entry.created_at,
        )


@strawberry.type
class Credits:
    balance: int
    transactions: list[CreditTransaction]
