"""`/hapusdata`: delete what is stored about one resident (UU 27/2022 PDP, right to erasure).

Deleted: the question log (every turn, its 👍/👎 and its confusion signals), number references,
and the conversation in Rasa's tracker store.
Kept: status-lookup attempts of the last hour, which the abuse limits need; they hold only the
pseudonym and an outcome, and expire by themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete

from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.turns import TurnLog
from infobansos.status.models import ATTEMPT_LOOKBACK, IdentityRef, StatusAttempt
from infobansos.storage.engine import session_factory, utcnow
from infobansos.storage.tracker_store import delete_events_of


@dataclass(frozen=True)
class DeletionReport:
    answers: int
    conversation_events: int


def delete_user_data(database_url: str, tracker_db: Path, sender: str) -> DeletionReport:
    """Delete the resident's rows; raises on a database or tracker store error so the resident is told it failed."""
    with session_factory(database_url).begin() as session:
        answers = session.execute(delete(TurnLog).where(TurnLog.sender == sender)).rowcount
        session.execute(delete(ConfusionSignal).where(ConfusionSignal.sender == sender))
        session.execute(delete(IdentityRef).where(IdentityRef.sender == sender))
        session.execute(
            delete(StatusAttempt).where(
                StatusAttempt.sender == sender, StatusAttempt.created_at < utcnow() - ATTEMPT_LOOKBACK
            )
        )
    return DeletionReport(answers=answers, conversation_events=delete_events_of(tracker_db, sender))
