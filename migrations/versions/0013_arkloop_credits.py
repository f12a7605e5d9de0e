"""arkloop: the credits ledger; accounts that exist already get the default first grant

Revision ID: 0013_arkloop_credits
Revises: 0012_loreos_assets
Create Date: 2026-12-08 01:10:00.000000
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0013_arkloop_credits"
down_revision = "0012_loreos_assets"
branch_labels = None
depends_on = None

FIRST_GRANT = 1000  # ArkloopSettings.initial_credits' default


def upgrade() -> None:
    ledger = op.create_table(
        "arkloop_credit_transactions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reference_type", sa.String(length=40), nullable=False),
        sa.Column("reference_id", sa.String(length=36), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["arkloop_accounts.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_arkloop_credit_transactions_account",
        "arkloop_credit_transactions",
        ["account_id", "created_at", "id"],
    )
    accounts = op.get_bind().execute(sa.text("SELECT id FROM arkloop_accounts")).scalars()
    now = datetime.now(UTC)
    grants = [
        {
            "id": str(uuid.uuid4()),
            "account_id": account_id,
            "amount": FIRST_GRANT,
            "reference_type": "initial_grant",
            "created_at": now,
        }
        for account_id in accounts
    ]
    if grants:
        op.bulk_insert(ledger, grants)


def downgrade() -> None:
    op.drop_index("ix_arkloop_credit_transactions_account", "arkloop_credit_transactions")
    op.drop_table("arkloop_credit_transactions")
