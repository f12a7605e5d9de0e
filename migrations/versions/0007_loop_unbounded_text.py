"""loop keeps as text what its validators leave unbounded

Revision ID: 0007_loop_unbounded_text
Revises: 0006_loop_goal_project_id
Create Date: 2026-11-24 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_loop_unbounded_text"
down_revision = "0006_loop_goal_project_id"
branch_labels = None
depends_on = None

# Signal sources and types, and authors' names: Loop takes any length, where a value past 200
# characters failed the insert on PostgreSQL.
COLUMNS = (
    ("loop_signals", "source"),
    ("loop_signals", "type"),
    ("loop_comments", "author_name"),
    ("loop_prompt_versions", "author_name"),
)


def upgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.String(length=200), type_=sa.Text())


def downgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.Text(), type_=sa.String(length=200))
