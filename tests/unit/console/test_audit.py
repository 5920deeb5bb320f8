"""The audit log is append-only in the database itself, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DatabaseError

from console.audit import AuditEntry, recent, record
from infobansos.storage.engine import session_factory


def test_entries_are_listed_newest_first_and_cannot_be_changed_or_deleted(database_url: str) -> None:
    sessions = session_factory(database_url)
    with sessions() as session, session.begin():
        record(session, "sari", "terbitkan", "klj_syarat", "- lama\n+ baru")
        record(session, "budi", "impor_status", "status.csv")
    with sessions() as session:
        entries, total = recent(session)
    assert total == 2 and [e.actor for e in entries] == ["budi", "sari"]
    for statement in (update(AuditEntry).values(actor="orang lain"), delete(AuditEntry)):
        with pytest.raises(DatabaseError, match="append-only"), sessions() as session, session.begin():
            session.execute(statement)
    with sessions() as session:
        assert recent(session)[1] == 2
