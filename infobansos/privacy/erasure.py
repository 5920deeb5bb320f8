"""`/hapusdata`: delete what is stored about one resident (UU 27/2022 PDP, right to erasure).

Deleted: the question log (every turn, its 👍/👎 and its confusion signals), number references,
and the conversation in Rasa's tracker store.
Kept: status-lookup attempts of the last hour, which the abuse limits need; they hold only the
pseudonym and an outcome, and expire by themselves.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete

from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.turns import TurnLog
from infobansos.status.models import ATTEMPT_LOOKBACK, IdentityRef, StatusAttempt
from infobansos.storage.engine import session_factory, utcnow

TRACKER_EVENTS_TABLE = "events"  # Rasa's SQLTrackerStore table


@dataclass(frozen=True)
class DeletionReport:
    answers: int
    conversation_events: int


def delete_tracker_events(tracker_db: Path, condition: str, parameters: tuple[object, ...]) -> int:
    """Delete rows of Rasa's SQLite tracker store matching `condition`; 0 if it does not exist yet."""
    if not tracker_db.exists():
        return 0
    with sqlite3.connect(tracker_db, timeout=10) as connection:
        tables = {name for (name,) in connection.execute("select name from sqlite_master where type='table'")}
        if TRACKER_EVENTS_TABLE not in tables:
            return 0
        return connection.execute(f"delete from {TRACKER_EVENTS_TABLE} where {condition}", parameters).rowcount


def delete_user_data(database_url: str, tracker_db: Path, sender: str) -> DeletionReport:
    """Delete the resident's rows; raises on a database error so the resident is told it failed."""
    with session_factory(database_url).begin() as session:
        answers = session.execute(delete(TurnLog).where(TurnLog.sender == sender)).rowcount
        session.execute(delete(ConfusionSignal).where(ConfusionSignal.sender == sender))
        session.execute(delete(IdentityRef).where(IdentityRef.sender == sender))
        session.execute(
            delete(StatusAttempt).where(
                StatusAttempt.sender == sender, StatusAttempt.created_at < utcnow() - ATTEMPT_LOOKBACK
            )
        )
    return DeletionReport(
        answers=answers, conversation_events=delete_tracker_events(tracker_db, "sender_id = ?", (sender,))
    )
