"""arkloop: in-app notifications

Revision ID: 0015_arkloop_notifications
Revises: 0014_loreos_imports
Create Date: 2026-12-08 01:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_arkloop_notifications"
down_revision = "0014_loreos_imports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "arkloop_notifications",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["arkloop_users.id"]),
        sa.ForeignKeyConstraint(["account_id"], ["arkloop_accounts.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_arkloop_notifications_user",
        "arkloop_notifications",
        ["user_id", "account_id", "created_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_arkloop_notifications_user", "arkloop_notifications")
    op.drop_table("arkloop_notifications")
