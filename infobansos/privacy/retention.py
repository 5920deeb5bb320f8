"""`make purge`: delete what is older than the retention period (UU 27/2022 PDP: keep no longer than needed).

The question log (with the eligibility checks' counts), Rasa's stored conversations and the
staff's reports and exports (var/reports/, var/exports/, which quote residents' questions) are
kept `RETENTION_DAYS` (default 180) for the analysts. Number references and status-lookup
attempts are only needed for minutes or an hour, so they go as soon as they have expired.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete

from infobansos.eligibility.tracking import EligibilityCheck
from infobansos.privacy.references import REF_LIFETIME
from infobansos.privacy.staff_files import delete_outputs_before
from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.turns import TurnLog
from infobansos.status.models import ATTEMPT_LOOKBACK, IdentityRef, StatusAttempt
from infobansos.storage.engine import session_factory
from infobansos.storage.tracker_store import delete_events_before


@dataclass(frozen=True)
class PurgeReport:
    turns: int
    number_refs: int
    status_attempts: int
    conversation_events: int
    staff_outputs: int = 0  # report and export folders
    eligibility_checks: int = 0  # counted eligibility checks (no answers, but kept no longer than the log)


def purge(
    database_url: str, tracker_db: Path, retention_days: int, now: dt.datetime, var_dir: Path | None = None
) -> PurgeReport:
    """Delete everything past its time; safe to run as often as wanted (e.g. daily from cron).

    `var_dir` given: its reports and exports older than the retention period go too.
    """
    before = now - dt.timedelta(days=retention_days)
    with session_factory(database_url).begin() as session:
        turns = session.execute(delete(TurnLog).where(TurnLog.created_at < before)).rowcount
        session.execute(delete(ConfusionSignal).where(ConfusionSignal.created_at < before))
        checks = session.execute(delete(EligibilityCheck).where(EligibilityCheck.started_at < before)).rowcount
        refs = session.execute(delete(IdentityRef).where(IdentityRef.created_at < now - REF_LIFETIME)).rowcount
        attempts = session.execute(
            delete(StatusAttempt).where(StatusAttempt.created_at < now - ATTEMPT_LOOKBACK)
        ).rowcount
    events = delete_events_before(tracker_db, before)
    outputs = delete_outputs_before(var_dir, before) if var_dir is not None else 0
    return PurgeReport(turns, refs, attempts, events, outputs, checks)
