"""loreos: characters' visual assets (images stored under the data directory)

Revision ID: 0012_loreos_assets
Revises: 0011_arkloop_run_cost
Create Date: 2026-12-08 01:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_loreos_assets"
down_revision = "0011_arkloop_run_cost"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "loreos_visual_assets",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("character_id", sa.String(length=40), nullable=False),
        sa.Column("asset_key", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=80), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("visual_summary", sa.Text(), nullable=False),
        sa.Column("visual_description", sa.Text(), nullable=False),
        sa.Column("provenance", sa.String(length=120), nullable=True),
        sa.Column("license", sa.String(length=200), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("promotion", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["app_id"], ["loreos_apps.id"]),
        sa.ForeignKeyConstraint(["character_id"], ["loreos_characters.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("character_id", "asset_key"),
    )
    op.create_index("ix_loreos_visual_assets_app_id", "loreos_visual_assets", ["app_id"])


def downgrade() -> None:
    op.drop_index("ix_loreos_visual_assets_app_id", table_name="loreos_visual_assets")
    op.drop_table("loreos_visual_assets")
