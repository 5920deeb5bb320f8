"""`make purge`: delete what is older than the retention period (UU 27/2022 PDP: keep no longer than needed).

The question log and Rasa's stored conversations are kept `RETENTION_DAYS` (default 180) for
the analysts. Number references and status-lookup attempts are only needed for minutes or an
hour, so they go as soon as they have expired.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete

from infobansos.privacy.references import REF_LIFETIME
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


def purge(database_url: str, tracker_db: Path, retention_days: int, now: dt.datetime) -> PurgeReport:
    """Delete everything past its time; safe to run as often as wanted (e.g. daily from cron)."""
    before = now - dt.timedelta(days=retention_days)
    with session_factory(database_url).begin() as session:
        turns = session.execute(delete(TurnLog).where(TurnLog.created_at < before)).rowcount
        session.execute(delete(ConfusionSignal).where(ConfusionSignal.created_at < before))
        refs = session.execute(delete(IdentityRef).where(IdentityRef.created_at < now - REF_LIFETIME)).rowcount
        attempts = session.execute(
            delete(StatusAttempt).where(StatusAttempt.created_at < now - ATTEMPT_LOOKBACK)
        ).rowcount
    return PurgeReport(turns, refs, attempts, delete_events_before(tracker_db, before))
