"""Rasa's tracker store: where Rasa keeps conversations, and deleting them again.

Rasa writes the store itself (an SQLTrackerStore on SQLite in WAL mode, `endpoints.yml` and
`nlu_components/sqlite_tracker_store.py`); the project only
tells Rasa where the file is and deletes from it, for `/hapusdata` and for the retention period.
This is the one module that knows it is an SQLite file with Rasa's `events` table, so a change of
Rasa version or store type is a change here only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

from infobansos.storage.sqlite_connection import configure_connection

# endpoints.yml reads the store's path from this variable: `db: ${RASA_TRACKER_DB}`.
TRACKER_DB_VARIABLE = "RASA_TRACKER_DB"
EVENTS_TABLE = "events"  # Rasa's SQLTrackerStore table, one row per event
LOCK_TIMEOUT_SECONDS = 10  # Rasa may be writing at the same moment


class TrackerStoreError(RuntimeError):
    """Rasa's tracker store could not be changed; nothing of this call was deleted."""


def tracker_store_environment(tracker_db: Path) -> dict[str, str]:
    """The environment `rasa run` needs to keep its conversations in `tracker_db`."""
    return {TRACKER_DB_VARIABLE: str(tracker_db)}


def delete_events_of(tracker_db: Path, sender: str) -> int:
    """Delete one resident's conversation (`/hapusdata`); how many events went."""
    return _delete_events(tracker_db, "sender_id = ?", (sender,))


def delete_events_before(tracker_db: Path, before: dt.datetime) -> int:
    """Delete every conversation event older than `before` (the retention period); how many went."""
    # Rasa keeps each event's time as a Unix timestamp.
    return _delete_events(tracker_db, "timestamp < ?", (before.timestamp(),))


def _delete_events(tracker_db: Path, condition: str, parameters: tuple[object, ...]) -> int:
    """0 while Rasa has not created the store or its table yet (no conversation so far)."""
    if not tracker_db.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(tracker_db, timeout=LOCK_TIMEOUT_SECONDS)) as connection:
            # The project's pragmas, as Rasa's own connection has them: secure_delete overwrites
            # what is deleted rather than leave it readable in the file's free pages.
            configure_connection(connection, LOCK_TIMEOUT_SECONDS * 1000)
            with connection:  # one transaction
                tables = {name for (name,) in connection.execute("select name from sqlite_master where type='table'")}
                if EVENTS_TABLE not in tables:
                    return 0
                deleted = connection.execute(f"delete from {EVENTS_TABLE} where {condition}", parameters).rowcount
            # Rasa keeps the store in WAL mode: older copies of the deleted rows' pages sit in the
            # WAL file until a checkpoint. Copy the WAL into the file now and empty it.
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return deleted
    except sqlite3.Error as exc:
        raise TrackerStoreError(f"Rasa's tracker store {tracker_db}: {exc}") from exc
