"""Per-NIK miss counter and locks for the status check (issue 13: no membership oracle).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_nik_miss",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("nik_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_status_nik_miss_nik_hash", "status_nik_miss", ["nik_hash"])
    op.create_index("ix_status_nik_miss_created_at", "status_nik_miss", ["created_at"])
    op.create_table(
        "status_nik_lock",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("nik_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_status_nik_lock_nik_hash", "status_nik_lock", ["nik_hash"])
    op.create_index("ix_status_nik_lock_until", "status_nik_lock", ["until"])


def downgrade() -> None:
    op.drop_table("status_nik_lock")
    op.drop_table("status_nik_miss")
