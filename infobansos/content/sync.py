"""`make content-export` / `make content-import`: keep the published revision and content/ in step.

Staff publish in the console; developers review content in git. Export writes the newest revision
into content/ (then `git diff` shows what staff changed, and it is committed). Import publishes
content/ as a new revision after check-content's checks. Import refuses while the database holds
console changes that were never exported, since publishing the files would silently undo them;
FORCE=1 overrides that on purpose. A revision written by export or made by import is marked
`synced_at`, which is how the two tell "in git" from "only in the database".
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from infobansos.content.entries import all_entries
from infobansos.content.findings import say
from infobansos.content.history import RevisionInfo, info
from infobansos.content.models import ContentRevision
from infobansos.content.publishing import PublishRefused, changed_entries, store_revision, validate_files
from infobansos.content.tree import read_tree, with_added_files, write_tree
from infobansos.settings import get_settings
from infobansos.storage.engine import session_factory, utcnow


class ImportRefused(Exception):
    """content/ was not published; the message says why and what to do."""


def _latest(session: Session) -> ContentRevision | None:
    return session.scalars(select(ContentRevision).order_by(ContentRevision.id.desc()).limit(1)).first()


def export_latest(session: Session, content_dir: Path) -> RevisionInfo | None:
    """Write the newest revision into `content_dir`; None when nothing was published yet."""
    latest = _latest(session)
    if latest is None:
        return None
    write_tree(with_added_files(latest.files, content_dir), content_dir)  # an old revision keeps newer files
    latest.synced_at = utcnow()
    return info(latest)


def import_files(session: Session, content_dir: Path, author: str, force: bool = False) -> RevisionInfo | None:
    """Publish `content_dir` as a new revision; None when it equals the newest one already."""
    files = read_tree(content_dir)
    latest = _latest(session)
    if latest is not None and latest.files == files:
        return None
    if latest is not None and latest.synced_at is None and not force:
        when = info(latest).created_at.strftime("%Y-%m-%d %H:%M UTC")
        raise ImportRefused(say("import_unexported", revision=latest.id, author=latest.author, when=when))
    problems = validate_files(files)
    if problems:
        raise PublishRefused(problems)
    before = latest.files if latest is not None else {}
    ids = sorted({loc.id for loc, _ in all_entries(files)} | {loc.id for loc, _ in all_entries(before)})
    changed = changed_entries(before, files, ids)
    parent = latest.id if latest is not None else None
    return store_revision(session, parent, files, author, say("summary_import"), changed, synced=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=("export", "import"))
    parser.add_argument("--force", action="store_true", help="import even over console changes not yet exported")
    parser.add_argument("--content", type=Path, default=None)
    args = parser.parse_args(argv)
    settings = get_settings()
    content_dir = args.content or settings.content_dir
    with session_factory(settings.database_url)() as session:
        try:
            if args.command == "export":
                revision = export_latest(session, content_dir)
                message = say("export_done", revision=revision.id, directory=content_dir) if revision else None
                message = message or say("export_nothing")
            else:
                revision = import_files(session, content_dir, f"make:{getpass.getuser()}", args.force)
                latest = _latest(session)
                message = (
                    say("import_done", revision=revision.id, count=len(revision.changed))
                    if revision
                    else say("import_same", revision=latest.id if latest else "-")
                )
        except (ImportRefused, PublishRefused) as exc:
            session.rollback()
            print(f"content-{args.command}: {exc}", file=sys.stderr)
            return 1
        session.commit()
    print(f"content-{args.command}: {message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
