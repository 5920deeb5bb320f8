"""`make import-status FILE=path.csv [DRY_RUN=1]`: load the data office's status export.

The whole file is checked first and imported in one transaction: a bad file changes nothing.
Rows are upserted by (person, program); importing the same file twice changes nothing, and every
change of status is added to the application's history. NIK and KK are hashed on the way in.
Every applied import is listed in status_import (the console's status page shows the list).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from infobansos.content.store import ContentStore, load_content
from infobansos.settings import Settings, get_settings
from infobansos.storage.engine import session_factory
from staff.status_apply import ImportReport, apply_rows, file_sha256, plan_rows, record_import
from staff.status_file import StatusFileError, check_rows

BYTES_PER_MB = 1024 * 1024
CLI_ACTOR = "make import-status"  # the import list's "who" for imports run on the server


def max_bytes(settings: Settings) -> int:
    return settings.status_import_max_mb * BYTES_PER_MB


def refuse_if_too_large(size: int, label: str, settings: Settings, content: ContentStore) -> None:
    """StatusFileError before anything is parsed when the file is over STATUS_IMPORT_MAX_MB.

    An .xlsx is a zip whose sheets can unpack to far more than its size, and a wrong file (a
    backup, a video) should not be parsed.
    """
    if size > max_bytes(settings):
        size_mb, limit_mb = f"{size / BYTES_PER_MB:.1f}", settings.status_import_max_mb
        message = content.message("status_import_too_large", file=label, size_mb=size_mb, limit_mb=limit_mb)
        raise StatusFileError(message)


def import_file(path: Path, dry_run: bool = False, actor: str = CLI_ACTOR) -> ImportReport:
    """Check the whole file, then upsert it in one transaction and list it (a dry run only counts)."""
    settings = get_settings()
    content = load_content(settings.content_dir)
    refuse_if_too_large(path.stat().st_size if path.is_file() else 0, str(path), settings, content)
    rows = check_rows(path, content.programs)
    session = session_factory(settings.database_url)()
    try:
        if dry_run:
            report = plan_rows(session, rows, settings.identity_hash_key).report
            session.rollback()
        else:
            report = apply_rows(session, rows, settings.identity_hash_key)
            record_import(session, report, actor, path.name, file_sha256(path))
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
