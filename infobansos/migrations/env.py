"""Alembic environment: the engine comes from `infobansos.migrate`, the models from the package."""

from __future__ import annotations

from alembic import context

from infobansos import confusion_signals, status_models, turn_log  # noqa: F401  (register their tables on Base.metadata)
from infobansos.db import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
