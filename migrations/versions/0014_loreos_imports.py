"""loreos: character bundle imports, and when an app was activated for production

Revision ID: 0014_loreos_imports
Revises: 0013_arkloop_credits
Create Date: 2026-12-08 01:15:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_loreos_imports"
down_revision = "0013_arkloop_credits"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("loreos_apps") as batch:
        batch.add_column(
            sa.Column("production_activated_at", sa.DateTime(timezone=True), nullable=True)
        )
    op.create_table(
        "loreos_imports",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("mode", sa.String(length=40), nullable=False),
        sa.Column("extraction_mode", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("slug", sa.String(length=128), nullable=False),
        sa.Column("character", sa.JSON(), nullable=False),
        sa.Column("identity_image", sa.JSON(), nullable=True),
        sa.Column("completed_checkpoints", sa.JSON(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("commit", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["app_id"], ["loreos_apps.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_loreos_imports_app_id", "loreos_imports", ["app_id"])


def downgrade() -> None:
    op.drop_index("ix_loreos_imports_app_id", table_name="loreos_imports")
    op.drop_table("loreos_imports")
    with op.batch_alter_table("loreos_apps") as batch:
        batch.drop_column("production_activated_at")
