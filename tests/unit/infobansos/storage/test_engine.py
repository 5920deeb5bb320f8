"""SQL errors are logged; they must not carry the values (a resident's text) they were about."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from infobansos.storage.engine import make_engine


def test_an_sql_error_shows_no_parameter_values(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("create table t (x text unique)"))
        connection.execute(text("insert into t values (:x)"), {"x": "nik 3175091507800021"})
    with pytest.raises(IntegrityError) as error, engine.begin() as connection:
        connection.execute(text("insert into t values (:x)"), {"x": "nik 3175091507800021"})
    assert "3175091507800021" not in str(error.value)
    assert "hidden due to hide_parameters=True" in str(error.value)
    engine.dispose()
