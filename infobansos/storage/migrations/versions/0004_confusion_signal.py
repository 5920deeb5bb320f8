"""Confusion signals: why a turn probably did not help the resident.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "confusion_signal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("turn_id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sender", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("detail", sa.String(200)),
    )
    op.create_index("ix_confusion_signal_turn_id", "confusion_signal", ["turn_id"])
    op.create_index("ix_confusion_signal_created_at", "confusion_signal", ["created_at"])
    op.create_index("ix_confusion_signal_sender", "confusion_signal", ["sender"])


def downgrade() -> None:
    op.drop_table("confusion_signal")
