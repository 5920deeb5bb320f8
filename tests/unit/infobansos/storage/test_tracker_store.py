"""Deleting from Rasa's tracker store, on a real SQLite file laid out as Rasa writes it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import yaml

from infobansos.settings import PROJECT_ROOT
from infobansos.storage.tracker_store import (
    TRACKER_DB_VARIABLE,
    TrackerStoreError,
    delete_events_before,
    delete_events_of,
    tracker_store_environment,
)
from tests.rasa_tracker_file import stored_events, write_tracker_store

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def days_ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def test_deleting_a_senders_events_leaves_everyone_elses(tmp_path: Path) -> None:
    events = [("u_me", days_ago(1)), ("u_other", days_ago(1)), ("u_me", days_ago(0)), ("u_third", days_ago(0))]
    tracker_db = write_tracker_store(tmp_path / "rasa-tracker.sqlite3", events)
    assert delete_events_of(tracker_db, "u_me") == 2
    assert stored_events(tracker_db) == [("u_other", days_ago(1)), ("u_third", days_ago(0))]
    assert delete_events_of(tracker_db, "u_me") == 0, "nothing left of that sender"


def test_deleting_before_a_time_keeps_the_newer_events(tmp_path: Path) -> None:
    events = [("u_a", days_ago(400)), ("u_b", days_ago(181)), ("u_a", days_ago(179)), ("u_b", days_ago(2))]
    tracker_db = write_tracker_store(tmp_path / "rasa-tracker.sqlite3", events)
    assert delete_events_before(tracker_db, days_ago(180)) == 2
    assert stored_events(tracker_db) == [("u_a", days_ago(179)), ("u_b", days_ago(2))]
    assert delete_events_before(tracker_db, days_ago(180)) == 0, "running it again changes nothing"


def test_no_store_yet_deletes_nothing_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "rasa-tracker.sqlite3"
    assert delete_events_of(missing, "u_me") == 0
    assert delete_events_before(missing, NOW) == 0
    assert not missing.exists()


def test_a_store_without_the_events_table_yet_deletes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "rasa-tracker.sqlite3"
    sqlite3.connect(empty).close()
    assert delete_events_of(empty, "u_me") == 0
    assert delete_events_before(empty, NOW) == 0


def test_a_broken_store_raises_the_modules_own_error(tmp_path: Path) -> None:
    broken = tmp_path / "rasa-tracker.sqlite3"
    broken.write_bytes(b"this is not an SQLite database" * 100)
    with pytest.raises(TrackerStoreError, match=r"rasa-tracker\.sqlite3"):
        delete_events_of(broken, "u_me")
    with pytest.raises(TrackerStoreError):
        delete_events_before(broken, NOW)


def test_rasa_is_told_the_path_through_the_variable_endpoints_yml_reads(tmp_path: Path) -> None:
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["tracker_store"]["db"] == f"${{{TRACKER_DB_VARIABLE}}}"
    assert tracker_store_environment(tmp_path / "t.sqlite3") == {TRACKER_DB_VARIABLE: str(tmp_path / "t.sqlite3")}
