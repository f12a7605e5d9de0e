"""An account's credits: a ledger of signed entries (grants, run spends, adjustments). The
balance is their sum and is stored nowhere else, so concurrent spends never lose one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

from .base import ID, at_column, id_column


class CreditTransaction(Base):
    __tablename__ = "arkloop_credit_transactions"
    __table_args__ = (
        Index("ix_arkloop_credit_transactions_account", "account_id", "created_at", "id"),
    )

    id: Mapped[str] = id_column()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    amount: Mapped[int] = mapped_column(Integer)
    reference_type: Mapped[str] = mapped_column(String(40))
    reference_id: Mapped[str | None] = mapped_column(ID)
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = at_column()
