"""`/hapusdata`: delete what is stored about one resident (UU 27/2022 PDP, right to erasure).

Deleted: the question log (every turn, its 👍/👎 and its confusion signals), number references,
the conversation in Rasa's tracker store, and every staff report or export (var/reports/,
var/exports/) that quotes one of the resident's questions (they hold no pseudonym, so the
question's text is what finds them; `make report` makes them again from what is left).
Kept: status-lookup attempts of the last hour, which the abuse limits need; they hold only the
pseudonym and an outcome, and expire by themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from infobansos.privacy.staff_files import delete_outputs_quoting
from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.turns import TurnLog
from infobansos.status.models import ATTEMPT_LOOKBACK, IdentityRef, StatusAttempt
from infobansos.storage.engine import session_factory, utcnow
from infobansos.storage.tracker_store import delete_events_of


@dataclass(frozen=True)
class DeletionReport:
    answers: int
    conversation_events: int
    staff_outputs: int = 0  # report and export folders that quoted the resident


def delete_user_data(database_url: str, tracker_db: Path, sender: str, var_dir: Path | None = None) -> DeletionReport:
    """Delete the resident's rows; raises on a database, tracker store or file error so the resident is
    told it failed. `var_dir` given: the reports and exports quoting the resident's questions go too."""
    with session_factory(database_url).begin() as session:
        texts = [text for text in session.scalars(select(TurnLog.text).where(TurnLog.sender == sender)) if text]
        # Files first: if that fails, the log still holds the texts and /hapusdata can be tried again.
        outputs = delete_outputs_quoting(var_dir, texts) if var_dir is not None else 0
        answers = session.execute(delete(TurnLog).where(TurnLog.sender == sender)).rowcount
        session.execute(delete(ConfusionSignal).where(ConfusionSignal.sender == sender))
        session.execute(delete(IdentityRef).where(IdentityRef.sender == sender))
        session.execute(
            delete(StatusAttempt).where(
                StatusAttempt.sender == sender, StatusAttempt.created_at < utcnow() - ATTEMPT_LOOKBACK
            )
        )
    events = delete_events_of(tracker_db, sender)
    return DeletionReport(answers=answers, conversation_events=events, staff_outputs=outputs)
