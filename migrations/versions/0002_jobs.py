"""background jobs (LoopOS AI callbacks)

Revision ID: 0002_jobs
Revises: 0001_loop_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_jobs"
down_revision = "0001_loop_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "facet_jobs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("queue", sa.String(length=100), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_facet_jobs_due", "facet_jobs", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_facet_jobs_due", table_name="facet_jobs")
    op.drop_table("facet_jobs")
