"""Rasa's SQL tracker store on SQLite, without a disk flush on every message (endpoints.yml `type:`).

Profiled under `make bench` (docs/performance.md), Rasa spent about 40 % of its time per message in
its SQL tracker store, most of it waiting for SQLite's commit: Rasa's engine opens a new connection
per read and per write (SQLAlchemy 1.4's NullPool for SQLite files) and, in SQLite's default
rollback-journal mode with `synchronous=FULL`, flushes to disk several times per commit. The event
loop waits meanwhile, so every resident waits.

This store is Rasa's own `SQLTrackerStore` (same table, same queries, same files for /hapusdata and
the retention purge in `infobansos/storage/tracker_store.py`), with one kept connection and WAL
journaling at `synchronous=NORMAL`: a commit appends to the WAL without a flush, and SQLite
flushes at checkpoints. A crash of Rasa loses nothing; a power cut may lose the last moments of
conversations (never the file). The pragmas are the project database's own
(`infobansos/storage/sqlite_connection.py`), `secure_delete` included.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from infobansos.storage.sqlite_connection import configure_connection

BUSY_TIMEOUT_MS = 10_000  # /hapusdata and the purge write from other processes


def _configure(dbapi_connection: Any, _record: object) -> None:
    configure_connection(dbapi_connection, BUSY_TIMEOUT_MS)


class SQLiteTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` for an SQLite file `db`, on one connection kept open for the process."""

    def __init__(self, db: str = "rasa.db", **kwargs: Any) -> None:
        kwargs.pop("dialect", None)
        super().__init__(dialect="sqlite", db=db, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        # One connection: Rasa uses the store from its event loop thread only, one call at a time,
        # and a connection that stays open keeps SQLite from checkpointing the WAL on every close.
        self.engine = sa.create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
        sa.event.listen(self.engine, "connect", _configure)
        self.sessionmaker = sessionmaker(bind=self.engine)
