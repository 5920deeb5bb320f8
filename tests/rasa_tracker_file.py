"""A tracker store file as Rasa 3.6 writes it, for the tests of what deletes from it.

The `events` table has the columns of Rasa's `SQLTrackerStore.SQLEvent`; each row is one event of
one sender at one Unix timestamp.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

RASA_EVENTS_TABLE = """
create table events (
    id integer primary key,
    sender_id varchar(255) not null,
    type_name varchar(255) not null,
    timestamp float,
    intent_name varchar(255),
    action_name varchar(255),
    data text
)
"""


def write_tracker_store(path: Path, events: list[tuple[str, dt.datetime]]) -> Path:
    """A tracker store holding one `user` event per (sender, time)."""
    with sqlite3.connect(path) as connection:
        connection.execute(RASA_EVENTS_TABLE)
        connection.executemany(
            "insert into events (sender_id, type_name, timestamp, data) values (?, 'user', ?, '{}')",
            [(sender, at.timestamp()) for sender, at in events],
        )
    return path


def stored_events(path: Path) -> list[tuple[str, dt.datetime]]:
    """What is left in the store, as (sender, time) in the order written."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute("select sender_id, timestamp from events order by id").fetchall()
    return [(sender, dt.datetime.fromtimestamp(stamp, dt.UTC)) for sender, stamp in rows]
