"""loop goals keep any projectId: text, unindexed

Revision ID: 0006_loop_goal_project_id
Revises: 0005_arkloop_mail_teams
Create Date: 2026-11-24 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_loop_goal_project_id"
down_revision = "0005_arkloop_mail_teams"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No query filters goals by project, and a B-tree index refuses long values.
    with op.batch_alter_table("loop_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loop_goals_project_id"))
        batch_op.alter_column(
            "project_id", existing_type=sa.String(length=32), type_=sa.Text(), nullable=True
        )


def downgrade() -> None:
    with op.batch_alter_table("loop_goals", schema=None) as batch_op:
        batch_op.alter_column(
            "project_id", existing_type=sa.Text(), type_=sa.String(length=32), nullable=True
        )
        batch_op.create_index(batch_op.f("ix_loop_goals_project_id"), ["project_id"], unique=False)
