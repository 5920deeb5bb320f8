"""Published revisions: which one is current, the list of them, and one entry's history with diffs.

History is never rewritten: a revert is a new revision, so this list is the whole record of what
residents were told, and when.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from infobansos.content.entries import entry_yaml
from infobansos.content.models import ContentRevision
from infobansos.content.tree import read_tree, with_added_files
from infobansos.settings import PROJECT_ROOT

# Where a file missing from an old revision is taken from (`tree.ADDED_SINCE_PUBLISHING`).
SHIPPED_CONTENT = PROJECT_ROOT / "content"


@dataclass(frozen=True)
class RevisionInfo:
    id: int
    created_at: dt.datetime
    author: str
    summary: str
    changed: tuple[str, ...]  # the answer ids this revision changed


@dataclass(frozen=True)
class EntryChange:
    """One revision's change to one entry: its YAML before and after, and the unified diff."""

    revision: RevisionInfo
    before: str
    after: str
    diff: str


def info(row: ContentRevision) -> RevisionInfo:
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)  # SQLite drops it
    return RevisionInfo(row.id, created, row.author, row.summary, tuple(row.changed or ()))


def latest_id(session: Session) -> int | None:
    """The newest revision's id: the one cheap query every bot and action server polls."""
    return session.scalar(select(ContentRevision.id).order_by(ContentRevision.id.desc()).limit(1))


def latest_revision(session: Session) -> RevisionInfo | None:
    row = session.scalars(select(ContentRevision).order_by(ContentRevision.id.desc()).limit(1)).first()
    return None if row is None else info(row)


def list_revisions(session: Session, limit: int = 50) -> list[RevisionInfo]:
    """The newest `limit` revisions, newest first."""
    rows = session.scalars(select(ContentRevision).order_by(ContentRevision.id.desc()).limit(limit))
    return [info(row) for row in rows]


def revision_files(session: Session, revision_id: int, content_dir: Path = SHIPPED_CONTENT) -> dict[str, str]:
    """The whole content tree of one revision; LookupError when there is no such revision.

    A file added to content/ after the revision was published (eligibility.yml) is taken from
    `content_dir`, so the revision loads and exports whole."""
    files = session.scalar(select(ContentRevision.files).where(ContentRevision.id == revision_id))
    if files is None:
        raise LookupError(f"no content revision {revision_id}")
    return with_added_files(files, content_dir)


def current_files(session: Session, content_dir: Path) -> tuple[int | None, dict[str, str]]:
    """(the latest revision's id, its files), or (None, the files in `content_dir`) before any publish."""
    revision_id = latest_id(session)
    if revision_id is None:
        return None, read_tree(content_dir)
    return revision_id, revision_files(session, revision_id, content_dir)


def last_change(session: Session, answer_id: str) -> RevisionInfo | None:
    """The newest revision that changed this entry (who published it, and when)."""
    rows = session.scalars(select(ContentRevision).order_by(ContentRevision.id.desc()))
    return next((info(row) for row in rows if answer_id in (row.changed or ())), None)


def entry_history(session: Session, answer_id: str) -> list[EntryChange]:
    """Every published change to this entry, newest first, each with the entry before and after."""
    changes = []
    rows = session.scalars(select(ContentRevision).order_by(ContentRevision.id.desc())).all()
    for row in rows:
        if answer_id not in (row.changed or ()):
            continue
        before = entry_yaml(revision_files(session, row.parent_id), answer_id) if row.parent_id else ""
        after = entry_yaml(row.files, answer_id)
        diff = difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"revisi {row.parent_id or 0}",
            tofile=f"revisi {row.id}",
        )
        changes.append(EntryChange(info(row), before, after, "".join(diff)))
    return changes
