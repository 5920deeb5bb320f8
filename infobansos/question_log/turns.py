"""The question log: one row per resident message, for the analysts (issue 6) and `/stats`.

Two processes write to a turn, each what only it knows, keyed by a turn id the bot makes up
and passes to Rasa as message metadata: the action server writes what NLU understood and which
answer it gave; the bot writes the redacted text, the outcome and the latency, and later the
resident's 👍/👎. Either may come first (or alone, when Rasa is down), so both upsert.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, SmallInteger, String, Text, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from infobansos.jakarta_time import day_start_utc
from infobansos.storage.engine import Base, utcnow

TURN_ID_MAX = 32
FEEDBACK_UP, FEEDBACK_DOWN = 1, -1


class Outcome:
    """What the resident got back, as the bot saw it."""

    ANSWERED = "dijawab"
    BUSY = "sibuk"  # Rasa or the action server failed: the resident got "layanan sedang sibuk"


class TurnLog(Base):
    __tablename__ = "turn_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    turn_id: Mapped[str] = mapped_column(String(TURN_ID_MAX), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    sender: Mapped[str] = mapped_column(String(64), index=True)
    chat_type: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)  # redacted: [NIK], [TELEPON], [EMAIL]
    intent: Mapped[str | None] = mapped_column(String(100))
    confidence: Mapped[float | None] = mapped_column(Float)
    ranking: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)  # top 3: [{"intent", "confidence"}]
    program: Mapped[str | None] = mapped_column(String(40))
    answer_id: Mapped[str | None] = mapped_column(String(100))
    is_fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    is_out_of_scope: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(16))
    latency_ms: Mapped[int | None] = mapped_column(Integer)
    feedback: Mapped[int | None] = mapped_column(SmallInteger)


def upsert_turn(session: Session, turn_id: str, sender: str, **fields: Any) -> None:
    """Insert the turn, or add these fields to the row the other process already wrote."""
    values = {"turn_id": turn_id[:TURN_ID_MAX], "sender": sender, **fields}
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(TurnLog).values(created_at=utcnow(), **values)
    statement = (
        statement.on_conflict_do_update(index_elements=["turn_id"], set_=fields)
        if fields
        else (statement.on_conflict_do_nothing(index_elements=["turn_id"]))
    )
    session.execute(statement)


def record_feedback(session: Session, turn_id: str, sender: str, value: int) -> bool:
    """Store 👍/👎 on the resident's own turn; False when there is no such turn for this sender."""
    result = session.execute(
        update(TurnLog).where(TurnLog.turn_id == turn_id, TurnLog.sender == sender).values(feedback=value)
    )
    return bool(result.rowcount)


@dataclass(frozen=True)
class DayStats:
    """One day's figures for the staff's `/stats`."""

    questions: int
    fallbacks: int
    out_of_scope: int
    busy: int
    thumbs_up: int
    thumbs_down: int

    @property
    def fallback_rate(self) -> float:
        return self.fallbacks / self.questions if self.questions else 0.0


def day_stats(session: Session, day: dt.date) -> DayStats:
    """Counts for the turns logged on `day`, a Jakarta day as the staff count them."""
    start = day_start_utc(day)
    in_day = (TurnLog.created_at >= start, TurnLog.created_at < start + dt.timedelta(days=1))
    row = session.execute(
        select(
            func.count(),
            func.count().filter(TurnLog.is_fallback),
            func.count().filter(TurnLog.is_out_of_scope),
            func.count().filter(TurnLog.outcome == Outcome.BUSY),
            func.count().filter(TurnLog.feedback == FEEDBACK_UP),
            func.count().filter(TurnLog.feedback == FEEDBACK_DOWN),
        ).where(*in_day)
    ).one()
    return DayStats(*row)
