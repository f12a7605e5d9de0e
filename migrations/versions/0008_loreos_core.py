"""loreos core: apps and their keys, characters and versions, end-users, sessions with their
event logs, runs, the usage ledger, and webhook channels with their deliveries

Revision ID: 0008_loreos_core
Revises: 0007_loop_unbounded_text
Create Date: 2026-12-07 23:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_loreos_core"
down_revision = "0007_loop_unbounded_text"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "loreos_apps",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("limit_credits", sa.Float(), nullable=True),
        sa.Column("enforcement", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "loreos_api_keys",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("prefix", sa.String(length=40), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["app_id"],
            ["loreos_apps.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("prefix"),
    )
    op.create_table(
        "loreos_characters",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("slug", sa.String(length=128), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["app_id"],
            ["loreos_apps.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "loreos_end_users",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("external_user_ref", sa.String(length=200), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=True),
        sa.Column("limit_credits", sa.Float(), nullable=True),
        sa.Column("enforcement", sa.String(length=10), nullable=False),
        sa.Column("resource_type", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["app_id"],
            ["loreos_apps.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("app_id", "external_user_ref"),
    )
    op.create_table(
        "loreos_character_versions",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("character_id", sa.String(length=40), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["character_id"],
            ["loreos_characters.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("character_id", "version_number"),
    )
    op.create_table(
        "loreos_sessions",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("character_id", sa.String(length=40), nullable=False),
        sa.Column("character_version", sa.Integer(), nullable=False),
        sa.Column("end_user_id", sa.String(length=40), nullable=False),
        sa.Column("external_user_ref", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("proactive_enabled", sa.Boolean(), nullable=False),
        sa.Column("proactive_controls", sa.JSON(), nullable=False),
        sa.Column("last_cursor", sa.Integer(), nullable=False),
        sa.Column("turn_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["app_id"],
            ["loreos_apps.id"],
        ),
        sa.ForeignKeyConstraint(
            ["character_id"],
            ["loreos_characters.id"],
        ),
        sa.ForeignKeyConstraint(
            ["end_user_id"],
            ["loreos_end_users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "loreos_channels",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("session_id", sa.String(length=40), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("secret", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["app_id"],
            ["loreos_apps.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["loreos_sessions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "loreos_events",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("session_id", sa.String(length=40), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("run_ref", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["loreos_sessions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "cursor"),
    )
    op.create_table(
        "loreos_runs",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("session_id", sa.String(length=40), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("turn_index", sa.Integer(), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("reply_mode", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=True),
        sa.Column("model", sa.String(length=200), nullable=True),
        sa.Column("model_calls", sa.Integer(), nullable=False),
        sa.Column("reserved_credits", sa.Float(), nullable=False),
        sa.Column("settled_credits", sa.Float(), nullable=True),
        sa.Column("latency_ms", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["app_id"],
            ["loreos_apps.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["loreos_sessions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "idempotency_key"),
    )
    op.create_table(
        "loreos_deliveries",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("channel_id", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["loreos_channels.id"],
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["loreos_events.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel_id", "event_id"),
    )
    op.create_table(
        "loreos_usage_events",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("run_id", sa.String(length=40), nullable=False),
        sa.Column("session_id", sa.String(length=40), nullable=False),
        sa.Column("character_slug", sa.String(length=128), nullable=False),
        sa.Column("external_user_ref", sa.String(length=200), nullable=False),
        sa.Column("resource_type", sa.String(length=80), nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("credits", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["app_id"],
            ["loreos_apps.id"],
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["loreos_runs.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id"),
    )
    op.create_index(op.f("ix_loreos_api_keys_app_id"), "loreos_api_keys", ["app_id"], unique=False)
    op.create_index(
        op.f("ix_loreos_characters_app_id"), "loreos_characters", ["app_id"], unique=False
    )
    op.create_index(
        op.f("ix_loreos_end_users_app_id"), "loreos_end_users", ["app_id"], unique=False
    )
    op.create_index(
        "ix_loreos_sessions_key",
        "loreos_sessions",
        ["app_id", "external_user_ref", "character_id"],
        unique=False,
    )
    op.create_index(op.f("ix_loreos_sessions_app_id"), "loreos_sessions", ["app_id"], unique=False)
    op.create_index(op.f("ix_loreos_channels_app_id"), "loreos_channels", ["app_id"], unique=False)
    op.create_index(
        op.f("ix_loreos_channels_session_id"), "loreos_channels", ["session_id"], unique=False
    )
    op.create_index(op.f("ix_loreos_runs_session_id"), "loreos_runs", ["session_id"], unique=False)
    op.create_index(op.f("ix_loreos_runs_app_id"), "loreos_runs", ["app_id"], unique=False)
    op.create_index(
        op.f("ix_loreos_deliveries_event_id"), "loreos_deliveries", ["event_id"], unique=False
    )
    op.create_index(
        op.f("ix_loreos_usage_events_app_id"), "loreos_usage_events", ["app_id"], unique=False
    )
    op.create_index(
        op.f("ix_loreos_usage_events_external_user_ref"),
        "loreos_usage_events",
        ["external_user_ref"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_table("loreos_usage_events")
    op.drop_table("loreos_deliveries")
    op.drop_table("loreos_runs")
    op.drop_table("loreos_events")
    op.drop_table("loreos_channels")
    op.drop_table("loreos_sessions")
    op.drop_table("loreos_character_versions")
    op.drop_table("loreos_end_users")
    op.drop_table("loreos_characters")
    op.drop_table("loreos_api_keys")
    op.drop_table("loreos_apps")
