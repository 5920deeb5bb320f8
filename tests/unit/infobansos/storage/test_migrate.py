from __future__ import annotations

import datetime as dt

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, DateTime, Float, Integer, MetaData, String, Table, create_engine, inspect, select

from console import accounts, audit, sessions  # noqa: F401  (the console's tables, on the same Base)
from infobansos.content import models as content_models  # noqa: F401
from infobansos.eligibility import tracking  # noqa: F401
from infobansos.question_log import signals  # noqa: F401  (registers the tables)
from infobansos.question_log.turns import TurnLog
from infobansos.status import models  # noqa: F401
from infobansos.storage.engine import Base, make_engine
from infobansos.storage.migrate import alembic_config, current_revision, head_revision, upgrade_database

# The table `create_all` made before migrations existed.
OLD_ANSWER_LOG = Table(
    "answer_log",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sender", String(64), nullable=False),
    Column("intent", String(100)),
    Column("confidence", Float),
    Column("answer_id", String(100)),
    Column("program", String(40)),
)


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


def test_a_database_from_before_migrations_is_adopted_and_its_answers_move_to_the_question_log(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    OLD_ANSWER_LOG.create(engine)
    with engine.begin() as connection:
        connection.execute(
            OLD_ANSWER_LOG.insert(),
            [
                {"sender": "u_x", "intent": "tanya_syarat", "created_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
                {"sender": "u_y", "intent": "nlu_fallback", "created_at": dt.datetime(2026, 1, 2, tzinfo=dt.UTC)},
            ],
        )
    upgrade_database(engine)
    tables = inspect(engine).get_table_names()
    assert "status_application" in tables and "answer_log" not in tables
    with engine.connect() as connection:
        rows = connection.execute(select(TurnLog.sender, TurnLog.intent, TurnLog.is_fallback)).all()
    assert sorted(rows) == [("u_x", "tanya_syarat", False), ("u_y", "nlu_fallback", True)], "the old rows moved over"


def test_downgrading_moves_answered_turns_back_and_upgrading_again_restores_them(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade_database(engine)
    with engine.begin() as connection:
        connection.execute(
            TurnLog.__table__.insert(),
            [
                {"turn_id": "a", "sender": "u_x", "intent": "tanya_syarat", "answer_id": "klj_syarat", "outcome": None},
                # never answered: nothing to keep
                {"turn_id": "b", "sender": "u_x", "intent": None, "answer_id": None, "outcome": "sibuk"},
            ],
        )
    command.downgrade(alembic_config(engine), "0002")
    assert "turn_log" not in inspect(engine).get_table_names()
    with engine.connect() as connection:
        assert connection.execute(select(OLD_ANSWER_LOG.c.sender, OLD_ANSWER_LOG.c.answer_id)).all() == [
            ("u_x", "klj_syarat")
        ]
    upgrade_database(engine)
    with engine.connect() as connection:
        assert connection.execute(select(TurnLog.intent, TurnLog.answer_id)).all() == [("tanya_syarat", "klj_syarat")]
    engine.dispose()
