"""How the status check was used, for the staff's `/stats` and the analysts' report.

Counted from the question log's answer ids (`status:<message>`), which are kept for
`RETENTION_DAYS`; the attempts table keeps only the last hour, which the budget needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infobansos.question_log.turns import TurnLog

ANSWER_PREFIX = "status:"
# Replies that end a completed lookup. "not_found" and "wrong_kk" are from before issue 13 merged them.
LOOKUP_REPLIES = ("found", "no_match", "not_found", "wrong_kk")
COUNTED = (*LOOKUP_REPLIES, "locked", "nik_locked", "too_many", "budget_spent")


@dataclass(frozen=True)
class StatusUse:
    """Status-check replies given in a period, by kind."""

    lookups: int  # completed lookups: data shown, or no data for that NIK with that KK
    found: int
    nik_locked: int  # replies "this NIK is locked" (5 misses from anyone)
    chat_limited: int  # replies "this chat is locked or over its hourly lookups"
    budget_spent: int  # replies "try later": the global hourly budget was spent


def status_use(session: Session, start: dt.datetime, end: dt.datetime) -> StatusUse:
    """Counts for turns logged in [start, end)."""
    query = (
        select(TurnLog.answer_id, func.count())
        .where(
            TurnLog.created_at >= start,
            TurnLog.created_at < end,
            TurnLog.answer_id.in_([ANSWER_PREFIX + key for key in COUNTED]),
        )
        .group_by(TurnLog.answer_id)
    )
    counts = {answer.removeprefix(ANSWER_PREFIX): n for answer, n in session.execute(query).tuples()}
    return StatusUse(
        lookups=sum(counts.get(key, 0) for key in LOOKUP_REPLIES),
        found=counts.get("found", 0),
        nik_locked=counts.get("nik_locked", 0),
        chat_limited=counts.get("locked", 0) + counts.get("too_many", 0),
        budget_spent=counts.get("budget_spent", 0),
    )
