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

from infobansos.storage.sqlite_connection import configure_connection

BUSY_TIMEOUT_MS = 5000


class Base(DeclarativeBase):
    pass


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _configure_sqlite(dbapi_connection: object, _record: object) -> None:
    """Set the project's pragmas on every new SQLite connection (`sqlite_connection.py`)."""
    configure_connection(dbapi_connection, BUSY_TIMEOUT_MS)


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
