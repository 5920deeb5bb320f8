"""`make purge` end to end in one process: settings, the database and Rasa's tracker store."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from console.status_uploads import UPLOAD_DIR, UPLOAD_TTL
from infobansos.settings import get_settings
from staff.purge import main
from tests.rasa_tracker_file import stored_events, write_tracker_store

NOW = dt.datetime.now(dt.UTC)


def use_tracker_store(path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RASA_TRACKER_DB", str(path))
    get_settings.cache_clear()
    return path


def test_purges_old_conversation_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old, recent = NOW - dt.timedelta(days=400), NOW - dt.timedelta(days=1)
    tracker_db = write_tracker_store(tmp_path / "rasa-tracker.sqlite3", [("u_x", old), ("u_x", recent)])
    use_tracker_store(tracker_db, monkeypatch)
    assert main() == 0
    assert "0 logged turns, 1 conversation events, 0 eligibility checks" in capsys.readouterr().out
    assert stored_events(tracker_db) == [("u_x", recent)]


def test_a_broken_tracker_store_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = use_tracker_store(tmp_path / "rasa-tracker.sqlite3", monkeypatch)
    broken.write_bytes(b"this is not an SQLite database" * 100)
    assert main() == 1
    assert "Rasa's stored conversations were not" in capsys.readouterr().err


def test_abandoned_status_uploads_go_even_if_no_one_opens_the_console(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_tracker_store(write_tracker_store(tmp_path / "rasa-tracker.sqlite3", []), monkeypatch)
    uploads = get_settings().var_dir / UPLOAD_DIR
    uploads.mkdir(parents=True)
    abandoned, fresh = uploads / "old-token.csv", uploads / "new-token.csv"
    for path in (abandoned, fresh):
        path.write_text("nik,kk\n3171234567890123,3171234567890001\n")
    stale = (NOW - UPLOAD_TTL - dt.timedelta(minutes=5)).timestamp()
    os.utime(abandoned, (stale, stale))
    assert main() == 0
    assert "1 abandoned status uploads" in capsys.readouterr().out
    assert not abandoned.exists() and fresh.exists()
