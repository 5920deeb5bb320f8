from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from infobansos.eligibility.tracking import EligibilityCheck
from infobansos.privacy.retention import purge
from infobansos.question_log.turns import TurnLog
from infobansos.status.models import IdentityRef, StatusAttempt
from infobansos.storage.engine import session_factory
from tests.rasa_tracker_file import stored_events, write_tracker_store

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def test_purge_keeps_the_retention_period_and_drops_expired_references(database_url: str, tmp_path: Path) -> None:
    factory = session_factory(database_url)
    with factory.begin() as session:
        for number, days in enumerate((1, 179, 181, 400)):
            session.add(TurnLog(turn_id=f"t{number}", sender="u_x", created_at=NOW - dt.timedelta(days=days)))
        for minutes, ref in ((5, "nomorrefbaru000000"), (45, "nomorreflama000000")):
            created = NOW - dt.timedelta(minutes=minutes)
            session.add(IdentityRef(ref=ref, sender="u_x", digest="d", masked="m", digit_count=16, created_at=created))
        for minutes in (10, 90):
            session.add(
                StatusAttempt(sender="u_x", outcome="ditemukan", created_at=NOW - dt.timedelta(minutes=minutes))
            )
    recent, old = NOW - dt.timedelta(days=2), NOW - dt.timedelta(days=200)
    tracker = write_tracker_store(tmp_path / "tracker.sqlite3", [("u_x", recent), ("u_x", old)])
    report = purge(database_url, tracker, 180, NOW)
    assert (report.turns, report.number_refs, report.status_attempts, report.conversation_events) == (2, 1, 1, 1)
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(TurnLog)) == 2
        assert session.scalars(select(IdentityRef.ref)).all() == ["nomorrefbaru000000"]
    assert stored_events(tracker) == [("u_x", recent)]
    assert purge(database_url, tracker, 180, NOW).turns == 0, "running it again changes nothing"


def test_purge_without_a_tracker_store_yet(database_url: str, tmp_path: Path) -> None:
    assert purge(database_url, tmp_path / "none.sqlite3", 180, NOW).conversation_events == 0


def test_purge_drops_eligibility_checks_older_than_the_retention_period(database_url: str, tmp_path: Path) -> None:
    factory = session_factory(database_url)
    with factory.begin() as session:
        for days in (3, 179, 181, 400):
            session.add(EligibilityCheck(check_id=f"c{days}", started_at=NOW - dt.timedelta(days=days)))
    report = purge(database_url, tmp_path / "none.sqlite3", 180, NOW)
    assert report.eligibility_checks == 2
    with factory() as session:
        assert sorted(session.scalars(select(EligibilityCheck.check_id))) == ["c179", "c3"]
