"""Schema migrations (Alembic), run from code so no alembic.ini or working directory is needed."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
FIRST_REVISION = "0001"
FIRST_REVISION_TABLE = "answer_log"  # created before migrations existed, by `create_all`


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def upgrade_database(engine: Engine) -> None:
    """Bring the schema to the latest revision; a no-op when it is already there."""
    current = current_revision(engine)
    if current == head_revision(engine):
        return
    config = alembic_config(engine)
    if current is None and inspect(engine).has_table(FIRST_REVISION_TABLE):
        # A development database from before migrations: its tables match the first revision.
        command.stamp(config, FIRST_REVISION)
    command.upgrade(config, "head")


def main() -> None:
    """`python -m infobansos.storage.migrate`: what `make run` does first, for deployments without it."""
    from infobansos.settings import get_settings  # late: importing this module needs no settings
    from infobansos.storage.engine import make_engine

    engine = make_engine(get_settings().database_url)
    upgrade_database(engine)
    engine.dispose()


if __name__ == "__main__":
    main()
