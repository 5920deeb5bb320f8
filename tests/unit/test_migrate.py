from __future__ import annotations

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from infobansos import status_models  # noqa: F401  (registers the tables)
from infobansos.db import AnswerLog, Base, make_engine
from infobansos.migrate import current_revision, head_revision, upgrade_database


def test_migrations_build_exactly_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade_database(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == [], "a model changed without a migration (or the other way round)"


def test_upgrading_twice_is_harmless(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade_database(engine)
    upgrade_database(engine)
    assert current_revision(engine) == head_revision(engine)
    engine.dispose()


def test_a_database_from_before_migrations_is_adopted_not_recreated(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    AnswerLog.__table__.create(engine)
    with engine.begin() as connection:
        connection.execute(
            AnswerLog.__table__.insert(), [{"sender": "u_x", "created_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}]
        )
    upgrade_database(engine)
    assert "status_application" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        assert connection.execute(AnswerLog.__table__.select()).all(), "the old rows are still there"
