from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from infobansos.storage.engine import session_factory


@pytest.fixture
def staff_copy(tmp_path: Path, content_dir: Path) -> Path:
    """A copy of content/ that a test can break the way a staff member might."""
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    return target


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    """A session on a fresh database, SQLite and PostgreSQL (the `database_url` fixture's params)."""
    with session_factory(database_url)() as db:
        yield db
