"""Applying checked status rows to the database, shared by `make import-status` and the console.

`plan_rows` only reads: it hashes the rows and sorts them into new, changed, unchanged and older
than what is stored, which is all a dry run needs. `write_plan` then writes that plan inside the
caller's transaction, so a file is imported whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from infobansos.privacy.identity_numbers import identity_hash, mask_name
from infobansos.status.models import StatusApplication, StatusHistory, StatusImport
from infobansos.storage.engine import utcnow
from staff.status_file import StatusRow

BATCH_ROWS = 5000  # keeps each statement well under database parameter limits
HASH_CHUNK_BYTES = 1024 * 1024


@dataclass
class ImportReport:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    older: int = 0  # rows older than what is stored: an old export must not undo a newer status

    def summary(self, dry_run: bool) -> str:
        head = "Uji coba (tidak ada yang disimpan)" if dry_run else "Impor selesai"
        return (
            f"{head}: {self.added} baru, {self.changed} berubah, {self.unchanged} sama, "
            f"{self.older} dilewati karena lebih lama dari data yang tersimpan."
        )


@dataclass(frozen=True)
class HashedRow:
    nik_hash: str
    kk_hash: str
    nik_last4: str
    name_masked: str
    row: StatusRow


@dataclass
class ImportPlan:
    """What importing the rows would do; nothing of it is written until `write_plan`."""

    now: dt.datetime
    report: ImportReport = field(default_factory=ImportReport)
    new: list[HashedRow] = field(default_factory=list)
    updates: list[dict[str, object]] = field(default_factory=list)
    history: list[dict[str, object]] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    """The file's SHA-256 (hex), read in chunks: the import list names each file by it."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _hashed(rows: list[StatusRow], key: bytes) -> list[HashedRow]:
    return [
        HashedRow(identity_hash(key, r.nik), identity_hash(key, r.kk), r.nik[-4:], mask_name(r.name), r) for r in rows
    ]


def _existing(session: Session, programs: set[str]) -> dict[tuple[str, str], tuple]:
    """(nik_hash, program) -> (id, kk_hash, name_masked, status, reason, updated_on) as plain tuples:
    building 100,000 ORM objects would take longer than the whole comparison."""
    table = StatusApplication.__table__
    query = select(
        table.c.nik_hash,
        table.c.program,
        table.c.id,
        table.c.kk_hash,
        table.c.name_masked,
        table.c.status,
        table.c.reason,
        table.c.updated_on,
    ).where(table.c.program.in_(programs))
    return {(n, p): tuple(rest) for n, p, *rest in session.connection().execute(query)}


def _history(application_id: int, row: StatusRow, now: dt.datetime) -> dict[str, object]:
    return {
        "application_id": application_id,
        "status": row.status,
        "reason": row.reason,
        "updated_on": row.updated_on,
        "recorded_at": now,
    }


def plan_rows(session: Session, rows: list[StatusRow], key: bytes) -> ImportPlan:
    """Sort the rows against what is stored; reads only, so a dry run stores nothing."""
    plan = ImportPlan(now=utcnow())
    report = plan.report
    existing = _existing(session, {r.program for r in rows})
    for h in _hashed(rows, key):
        stored = existing.get((h.nik_hash, h.row.program))
        if stored is None:
            plan.new.append(h)
            continue
        stored_id, kk_hash, name_masked, status, reason, updated_on = stored
        if h.row.updated_on < updated_on:
            report.older += 1
            continue
        status_changed = (status, reason, updated_on) != (h.row.status, h.row.reason, h.row.updated_on)
        person_changed = (kk_hash, name_masked) != (h.kk_hash, h.name_masked)
        if not (status_changed or person_changed):
            report.unchanged += 1
            continue
        report.changed += 1
        plan.updates.append(
            {
                "row_id": stored_id,
                "kk_hash": h.kk_hash,
                "name_masked": h.name_masked,
                "status": h.row.status,
                "reason": h.row.reason,
                "updated_on": h.row.updated_on,
                "imported_at": plan.now,
            }
        )
        if status_changed:
            plan.history.append(_history(stored_id, h.row, plan.now))
    report.added = len(plan.new)
    return plan


def _insert_new(session: Session, new: list[HashedRow], now: dt.datetime) -> None:
    """Plain executemany inserts (no RETURNING): the ORM's per-row id fetching is far slower."""
    connection = session.connection()
    values = [
        {
            "nik_hash": h.nik_hash,
            "kk_hash": h.kk_hash,
            "nik_last4": h.nik_last4,
            "name_masked": h.name_masked,
            "program": h.row.program,
            "status": h.row.status,
            "reason": h.row.reason,
            "updated_on": h.row.updated_on,
            "imported_at": now,
        }
        for h in new
    ]
    for start in range(0, len(values), BATCH_ROWS):
        connection.execute(StatusApplication.__table__.insert(), values[start : start + BATCH_ROWS])
    by_key = {(h.nik_hash, h.row.program): h.row for h in new}
    table = StatusApplication.__table__
    inserted = connection.execute(
        select(table.c.id, table.c.nik_hash, table.c.program).where(table.c.imported_at == now)
    )
    history = [_history(i, by_key[(n, p)], now) for i, n, p in inserted if (n, p) in by_key]
    for start in range(0, len(history), BATCH_ROWS):
        connection.execute(StatusHistory.__table__.insert(), history[start : start + BATCH_ROWS])


def write_plan(session: Session, plan: ImportPlan) -> None:
    """Write the plan into the session's transaction (the caller commits or rolls back)."""
    _insert_new(session, plan.new, plan.now)
    connection = session.connection()
    if plan.updates:
        table = StatusApplication.__table__
        columns = {k: bindparam(k) for k in plan.updates[0] if k != "row_id"}
        statement = table.update().where(table.c.id == bindparam("row_id")).values(**columns)
        connection.execute(statement, plan.updates)
    if plan.history:
        connection.execute(StatusHistory.__table__.insert(), plan.history)


def apply_rows(session: Session, rows: list[StatusRow], key: bytes) -> ImportReport:
    """Upsert the rows into the session's transaction and say what changed."""
    plan = plan_rows(session, rows, key)
    write_plan(session, plan)
    return plan.report


def record_import(session: Session, report: ImportReport, actor: str, file_name: str, sha256: str) -> StatusImport:
    """Add the import to the list staff see (console page), in the same transaction as its rows."""
    entry = StatusImport(
        created_at=utcnow(),
        actor=actor[:64],
        file_name=file_name[:255],
        file_sha256=sha256,
        new_rows=report.added,
        updated_rows=report.changed,
        unchanged_rows=report.unchanged,
        skipped_rows=report.older,
    )
    session.add(entry)
    session.flush()
    return entry
