"""`make import-status FILE=path.csv [DRY_RUN=1]`: load the data office's status export.

The whole file is checked first and imported in one transaction: a bad file changes nothing.
Rows are upserted by (person, program); importing the same file twice changes nothing, and every
change of status is added to the application's history. NIK and KK are hashed on the way in.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from infobansos.content.store import load_content
from infobansos.privacy.identity_numbers import identity_hash, mask_name
from infobansos.settings import get_settings
from infobansos.status.models import StatusApplication, StatusHistory
from infobansos.storage.engine import session_factory, utcnow
from staff.status_file import StatusFileError, StatusRow, check_rows

BATCH_ROWS = 5000  # keeps each statement well under database parameter limits
BYTES_PER_MB = 1024 * 1024


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


def _hashed(rows: list[StatusRow], key: bytes) -> list[HashedRow]:
    return [
        HashedRow(identity_hash(key, r.nik), identity_hash(key, r.kk), r.nik[-4:], mask_name(r.name), r) for r in rows
    ]


def _existing(session: Session, programs: set[str]) -> dict[tuple[str, str], StatusApplication]:
    query = select(StatusApplication).where(StatusApplication.program.in_(programs))
    return {(a.nik_hash, a.program): a for a in session.scalars(query)}


def _history(application_id: int, row: StatusRow, now: dt.datetime) -> dict[str, object]:
    return {
        "application_id": application_id,
        "status": row.status,
        "reason": row.reason,
        "updated_on": row.updated_on,
        "recorded_at": now,
    }


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


def apply_rows(session: Session, rows: list[StatusRow], key: bytes) -> ImportReport:
    """Upsert the rows into the session's transaction and say what changed."""
    report = ImportReport()
    now = utcnow()
    existing = _existing(session, {r.program for r in rows})
    new: list[HashedRow] = []
    updates: list[dict[str, object]] = []
    history: list[dict[str, object]] = []
    for h in _hashed(rows, key):
        stored = existing.get((h.nik_hash, h.row.program))
        if stored is None:
            new.append(h)
            continue
        if h.row.updated_on < stored.updated_on:
            report.older += 1
            continue
        status_changed = (stored.status, stored.reason, stored.updated_on) != (
            h.row.status,
            h.row.reason,
            h.row.updated_on,
        )
        person_changed = (stored.kk_hash, stored.name_masked) != (h.kk_hash, h.name_masked)
        if not (status_changed or person_changed):
            report.unchanged += 1
            continue
        report.changed += 1
        updates.append(
            {
                "id": stored.id,
                "kk_hash": h.kk_hash,
                "name_masked": h.name_masked,
                "status": h.row.status,
                "reason": h.row.reason,
                "updated_on": h.row.updated_on,
                "imported_at": now,
            }
        )
        if status_changed:
            history.append(_history(stored.id, h.row, now))
    report.added = len(new)
    _insert_new(session, new, now)
    connection = session.connection()
    if updates:
        table = StatusApplication.__table__
        columns = {k: bindparam(k) for k in updates[0] if k != "id"}
        statement = table.update().where(table.c.id == bindparam("row_id")).values(**columns)
        connection.execute(statement, [{**u, "row_id": u["id"]} for u in updates])
    if history:
        connection.execute(StatusHistory.__table__.insert(), history)
    return report


def import_file(path: Path, dry_run: bool = False) -> ImportReport:
    """Check the whole file, then upsert it in one transaction (rolled back for a dry run).

    A file over STATUS_IMPORT_MAX_MB is refused before it is read: an .xlsx is a zip whose sheets
    can unpack to far more than its size, and a wrong file (a backup, a video) should not be parsed.
    """
    settings = get_settings()
    content = load_content(settings.content_dir)
    size = path.stat().st_size if path.is_file() else 0
    if size > settings.status_import_max_mb * BYTES_PER_MB:
        size_mb, limit_mb = f"{size / BYTES_PER_MB:.1f}", settings.status_import_max_mb
        raise StatusFileError(content.message("status_import_too_large", file=path, size_mb=size_mb, limit_mb=limit_mb))
    rows = check_rows(path, content.programs)
    session = session_factory(settings.database_url)()
    try:
        report = apply_rows(session, rows, settings.identity_hash_key)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "file", type=Path, help="CSV or .xlsx with columns nik,no_kk,nama,program,status,alasan,diperbarui"
    )
    parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    args = parser.parse_args(argv)
    try:
        report = import_file(args.file, dry_run=args.dry_run)
    except StatusFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(report.summary(args.dry_run))
    return 0


if __name__ == "__main__":
    sys.exit(main())
