"""arkloop user side: LLM providers (keys sealed) and their models

Revision ID: 0010_arkloop_user_side
Revises: 0009_openloomi_core
Create Date: 2026-12-08 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_arkloop_user_side"
down_revision = "0009_openloomi_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "arkloop_llm_providers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("api_key_sealed", sa.Text(), nullable=False),
        sa.Column("key_prefix", sa.String(length=16), nullable=False),
        sa.Column("base_url", sa.String(length=2000), nullable=True),
        sa.Column("openai_api_mode", sa.String(length=30), nullable=True),
        sa.Column("advanced_json", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["arkloop_accounts.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "name"),
    )
    op.create_index(
        op.f("ix_arkloop_llm_providers_account_id"), "arkloop_llm_providers", ["account_id"]
    )
    op.create_table(
        "arkloop_llm_provider_models",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("provider_id", sa.String(length=36), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("when", sa.JSON(), nullable=False),
        sa.Column("advanced_json", sa.JSON(), nullable=False),
        sa.Column("multiplier", sa.Float(), nullable=False),
        sa.Column("cost_per_1k_input", sa.Float(), nullable=True),
        sa.Column("cost_per_1k_output", sa.Float(), nullable=True),
        sa.Column("cost_per_1k_cache_write", sa.Float(), nullable=True),
        sa.Column("cost_per_1k_cache_read", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["arkloop_accounts.id"]),
        sa.ForeignKeyConstraint(["provider_id"], ["arkloop_llm_providers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("provider_id", "model"),
    )
    op.create_index(
        op.f("ix_arkloop_llm_provider_models_provider_id"),
        "arkloop_llm_provider_models",
        ["provider_id"],
    )


def downgrade() -> None:
    op.drop_table("arkloop_llm_provider_models")
    op.drop_table("arkloop_llm_providers")
