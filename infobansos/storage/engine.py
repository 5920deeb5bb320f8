"""Database models and session factory (SQLAlchemy 2; SQLite by default, PostgreSQL when configured).

Only pseudonymous ids are stored: the bot hashes Telegram ids before anything reaches Rasa, so
the actions never see a raw id to store.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, sessionmaker


class Base(DeclarativeBase):
    pass


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _configure_sqlite(dbapi_connection: object, _record: object) -> None:
    """Set per-connection pragmas on every new SQLite connection (pragmas are not stored in the file)."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # WAL lets the bot and the action server write to one SQLite file without "database is locked".
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL flushes at checkpoints, not at every commit: the bot logs a turn per
    # message, and a flush per message held the bot's writer thread (docs/performance.md). A crash
    # of a process loses nothing; a power cut may lose the last moments, never the file.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Deleted rows (/hapusdata, the retention period) are overwritten with zeros instead of lingering
    # in free pages of the file, where a copy of the file would still show them (UU 27/2022 PDP).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def make_engine(database_url: str) -> Engine:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an SQL error (which is logged) never shows the values, e.g. a resident's text.
    # pre_ping finds connections a database server dropped; an SQLite file has no server to drop them.
    sqlite = url.get_backend_name() == "sqlite"
    engine = create_engine(url, pool_pre_ping=not sqlite, hide_parameters=True)
    if sqlite:
        event.listen(engine, "connect", _configure_sqlite)
    return engine


@lru_cache(maxsize=4)
def session_factory(database_url: str) -> sessionmaker:
    """A session factory per URL, with the schema migrated to the latest revision on first use.

    `make run` migrates once before it starts the services, so concurrent processes find the
    schema current and this check is a single query.
    """
    from infobansos.storage.migrate import upgrade_database  # late: migrations import the models from here

    engine = make_engine(database_url)
    upgrade_database(engine)
    return sessionmaker(engine, expire_on_commit=False)
