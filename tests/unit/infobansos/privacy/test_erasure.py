from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from infobansos.privacy.erasure import delete_user_data
from infobansos.question_log.turns import TurnLog
from infobansos.status.models import IdentityRef, StatusAttempt
from infobansos.storage.engine import session_factory
from tests.rasa_tracker_file import stored_events, write_tracker_store

NOW = dt.datetime.now(dt.UTC)


def _count(database_url: str, model: type, sender: str) -> int:
    with session_factory(database_url)() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.sender == sender))


def test_deletes_my_rows_and_conversation_but_nobody_elses(database_url: str, tmp_path: Path) -> None:
    tracker = write_tracker_store(tmp_path / "tracker.sqlite3", [("u_me", NOW), ("u_me", NOW), ("u_other", NOW)])
    with session_factory(database_url).begin() as session:
        for number, sender in enumerate(("u_me", "u_me", "u_other")):
            session.add(TurnLog(turn_id=f"t{number}", sender=sender, intent="tanya_syarat", feedback=-1))
        session.add(IdentityRef(ref="nomorrefabcdefghij", sender="u_me", digest="x", masked="m", digit_count=16))
        session.add(StatusAttempt(sender="u_me", outcome="kk_salah", created_at=NOW - dt.timedelta(minutes=5)))
        session.add(StatusAttempt(sender="u_me", outcome="ditemukan", created_at=NOW - dt.timedelta(hours=3)))
    report = delete_user_data(database_url, tracker, "u_me")
    assert (report.answers, report.conversation_events) == (2, 2)
    assert _count(database_url, TurnLog, "u_me") == 0
    assert _count(database_url, TurnLog, "u_other") == 1
    assert _count(database_url, IdentityRef, "u_me") == 0
    assert _count(database_url, StatusAttempt, "u_me") == 1, "the last hour's attempt stays for the lock"
    assert stored_events(tracker) == [("u_other", NOW)]


def test_no_tracker_store_yet_is_fine(database_url: str, tmp_path: Path) -> None:
    assert delete_user_data(database_url, tmp_path / "missing.sqlite3", "u_me").conversation_events == 0
