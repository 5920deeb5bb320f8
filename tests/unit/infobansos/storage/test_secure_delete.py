"""Deleted personal data must not linger in an SQLite file's free pages (PRAGMA secure_delete).

Debian's SQLite is built with secure delete on by default, python.org's and most others are not;
the fixture gives every new connection the "off" default so the tests hold on any build.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from infobansos.storage.engine import make_engine
from infobansos.storage.tracker_store import delete_events_of
from tests.rasa_tracker_file import write_tracker_store

SENDER = "u_hapus_saya_0123456789abcdef"


@pytest.fixture
def sqlite_built_without_secure_delete(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        connection.execute("PRAGMA secure_delete=OFF")
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)  # what SQLAlchemy calls


@pytest.mark.usefixtures("sqlite_built_without_secure_delete")
def test_every_new_sqlite_connection_overwrites_what_it_deletes(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'infobansos.sqlite3'}")
    for _ in range(2):  # the pragma is per connection: each new one must have it
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA secure_delete")).scalar() == 1
        engine.dispose()


@pytest.mark.usefixtures("sqlite_built_without_secure_delete")
def test_a_deleted_conversation_is_gone_from_the_tracker_file(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    tracker_db = write_tracker_store(tmp_path / "rasa-tracker.sqlite3", [(SENDER, now)] * 50 + [("u_other", now)])
    assert SENDER.encode() in tracker_db.read_bytes()
    assert delete_events_of(tracker_db, SENDER) == 50
    assert SENDER.encode() not in tracker_db.read_bytes(), "the deleted sender is still readable in the file"
