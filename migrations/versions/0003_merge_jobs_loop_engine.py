"""join the jobs table (loopos branch) and Loop's engine tables into one history

Revision ID: 0003_merge
Revises: 0002_loop_engine, 0002_jobs
"""

from __future__ import annotations

revision = "0003_merge"
down_revision = ("0002_loop_engine", "0002_jobs")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
