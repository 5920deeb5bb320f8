"""Application status, its history, opaque number references and lookup attempts.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_application",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("nik_hash", sa.String(64), nullable=False),
        sa.Column("kk_hash", sa.String(64), nullable=False),
        sa.Column("nik_last4", sa.String(4), nullable=False),
        sa.Column("name_masked", sa.String(120), nullable=False),
        sa.Column("program", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("nik_hash", "program", name="uq_status_application_person_program"),
    )
    op.create_index("ix_status_application_nik_hash", "status_application", ["nik_hash"])
    op.create_table(
        "status_history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "application_id",
            sa.Integer(),
            sa.ForeignKey("status_application.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_status_history_application_id", "status_history", ["application_id"])
    op.create_table(
        "identity_ref",
        sa.Column("ref", sa.String(32), primary_key=True),
        sa.Column("sender", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("masked", sa.String(40), nullable=False),
        sa.Column("digit_count", sa.Integer(), nullable=False),
        sa.Column("nik_problem", sa.String(20)),
        sa.Column("kk_problem", sa.String(20)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_identity_ref_sender", "identity_ref", ["sender"])
    op.create_index("ix_identity_ref_created_at", "identity_ref", ["created_at"])
    op.create_table(
        "status_attempt",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sender", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_status_attempt_sender", "status_attempt", ["sender"])
    op.create_index("ix_status_attempt_created_at", "status_attempt", ["created_at"])


def downgrade() -> None:
    for table in ("status_attempt", "identity_ref", "status_history", "status_application"):
        op.drop_table(table)
