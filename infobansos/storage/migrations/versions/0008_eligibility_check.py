"""Eligibility checks (issue 16): how far each "Apakah saya berhak?" check got, never what was answered.

A row holds an opaque check id, times, the last question reached, the outcome and the likely
program keys. No sender, no answers, no text: the counts are all the staff need.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "eligibility_check",
        sa.Column("check_id", sa.String(64), primary_key=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_question", sa.String(40), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("likely_programs", sa.JSON(), nullable=False),
    )
    op.create_index("ix_eligibility_check_started_at", "eligibility_check", ["started_at"])


def downgrade() -> None:
    op.drop_table("eligibility_check")
