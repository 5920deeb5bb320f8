"""The answer log, as the first release created it.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answer_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sender", sa.String(64), nullable=False),
        sa.Column("intent", sa.String(100)),
        sa.Column("confidence", sa.Float()),
        sa.Column("answer_id", sa.String(100)),
        sa.Column("program", sa.String(40)),
    )
    op.create_index("ix_answer_log_created_at", "answer_log", ["created_at"])
    op.create_index("ix_answer_log_sender", "answer_log", ["sender"])


def downgrade() -> None:
    op.drop_table("answer_log")
