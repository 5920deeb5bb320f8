"""Alembic environment: the engine comes from `infobansos.storage.migrate`, the models from the package."""

from __future__ import annotations

from alembic import context

from infobansos.content import models as content_models  # noqa: F401
from infobansos.eligibility import tracking  # noqa: F401
from infobansos.question_log import signals, turns  # noqa: F401  (register their tables on Base.metadata)
from infobansos.status import models  # noqa: F401
from infobansos.storage.engine import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
