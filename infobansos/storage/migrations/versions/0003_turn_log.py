"""The question log: one row per resident message (replaces answer_log, whose rows move over).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "turn_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("turn_id", sa.String(32), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sender", sa.String(64), nullable=False),
        sa.Column("chat_type", sa.String(16)),
        sa.Column("text", sa.Text()),
        sa.Column("intent", sa.String(100)),
        sa.Column("confidence", sa.Float()),
        sa.Column("ranking", sa.JSON()),
        sa.Column("program", sa.String(40)),
        sa.Column("answer_id", sa.String(100)),
        sa.Column("is_fallback", sa.Boolean(), nullable=False),
        sa.Column("is_out_of_scope", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(16)),
        sa.Column("latency_ms", sa.Integer()),
        sa.Column("feedback", sa.SmallInteger()),
    )
    op.create_index("ix_turn_log_created_at", "turn_log", ["created_at"])
    op.create_index("ix_turn_log_sender", "turn_log", ["sender"])
    op.execute(
        "insert into turn_log (turn_id, created_at, sender, intent, confidence, program, answer_id,"
        " is_fallback, is_out_of_scope, outcome)"
        " select 'answer-' || id, created_at, sender, intent, confidence, program, answer_id,"
        " case when intent = 'nlu_fallback' then true else false end,"
        " case when intent = 'out_of_scope' then true else false end, 'dijawab' from answer_log"
    )
    op.drop_table("answer_log")


def downgrade() -> None:
    """Back to answer_log: the turns that got an answer keep what answer_log had room for."""
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
    op.execute(
        "insert into answer_log (created_at, sender, intent, confidence, answer_id, program)"
        " select created_at, sender, intent, confidence, answer_id, program from turn_log"
        " where answer_id is not null"
    )
    op.drop_table("turn_log")
