"""How every SQLite file of the project is opened: journal, durability and privacy, in one place.

Both the project's own database (`engine.py`, SQLAlchemy 2) and Rasa's tracker store
(`nlu_components/sqlite_tracker_store.py`, in Rasa's Python 3.10 with SQLAlchemy 1.4) call this on
every new connection, so it uses the standard library only. Pragmas are per connection: they are
not stored in the file (except the journal mode).
"""

from __future__ import annotations

from typing import Any


def configure_connection(dbapi_connection: Any, busy_timeout_ms: int) -> None:
    """Set the project's pragmas on a new DB-API SQLite connection."""
    cursor = dbapi_connection.cursor()
    # WAL lets several processes write to one SQLite file without "database is locked".
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL flushes at checkpoints, not at every commit: a flush per message held the
    # bot's writer thread and Rasa's event loop (docs/performance.md). A crash of a process loses
    # nothing; a power cut may lose the last moments, never the file.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    # Deleted rows (/hapusdata, the retention period) are overwritten with zeros instead of lingering
    # in free pages of the file, where a copy of the file would still show them (UU 27/2022 PDP).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()
