"""arkloop: a run's cost in USD, by its model's price table

Revision ID: 0011_arkloop_run_cost
Revises: 0010_arkloop_user_side
Create Date: 2026-12-08 00:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_arkloop_run_cost"
down_revision = "0010_arkloop_user_side"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("arkloop_runs") as batch:
        batch.add_column(sa.Column("total_cost_usd", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("arkloop_runs") as batch:
        batch.drop_column("total_cost_usd")
