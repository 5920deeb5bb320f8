"""Drafts: an editor's saved change to one answer, which residents do not see until it is published.

Two editors may open the same entry. Each save names the version the editor started from
(`entry_version`); when the entry changed in between, the save is refused with who changed it and
when (`EditConflict`), so nobody's work is silently overwritten. The guarded UPDATE (and the
primary key for a first draft) keeps that true even when two saves land at the same moment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from infobansos.content.checks import check_files
from infobansos.content.entries import EntryFields, read_entry, with_entry
from infobansos.content.findings import Findings, Problem
from infobansos.content.history import current_files, last_change
from infobansos.content.models import ContentDraft
from infobansos.storage.engine import utcnow


class InvalidContent(ValueError):
    """The content does not pass `make check-content`'s checks; `problems` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class EditConflict(Exception):
    """The entry changed since the editor opened it: `author` saved or published it at `at`."""

    def __init__(self, answer_id: str, author: str, at: dt.datetime | None) -> None:
        super().__init__(f"{answer_id} was changed by {author} at {at}")
        self.answer_id, self.author, self.at = answer_id, author, at


@dataclass(frozen=True)
class Draft:
    answer_id: str
    author: str
    updated_at: dt.datetime
    fields: EntryFields
    version: str
    base_version: str


def _draft(row: ContentDraft) -> Draft:
    updated = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=dt.UTC)
    return Draft(row.answer_id, row.author, updated, EntryFields.from_json(row.fields), row.version, row.base_version)


def pending_drafts(session: Session) -> list[Draft]:
    return [_draft(row) for row in session.scalars(select(ContentDraft).order_by(ContentDraft.answer_id))]


def discard_draft(session: Session, answer_id: str) -> None:
    session.execute(delete(ContentDraft).where(ContentDraft.answer_id == answer_id))


def entry_version(session: Session, content_dir: Path, answer_id: str) -> str:
    """What the editor starts from: the pending draft if there is one, else the published entry."""
    row = session.get(ContentDraft, answer_id)
    if row is not None:
        return row.version
    return read_entry(current_files(session, content_dir)[1], answer_id)[1].version


def entry_findings(files: dict[str, str], answer_id: str, fields: EntryFields) -> Findings:
    """check-content's findings about this entry, as it would be with these fields (inline errors)."""
    findings = check_files(with_entry(files, answer_id, fields))
    return Findings(
        [p for p in findings.problems if _about(p, answer_id)], [p for p in findings.warnings if _about(p, answer_id)]
    )


def _about(problem: Problem, answer_id: str) -> bool:
    """A finding on this entry: "klj_syarat.text", or a file error's "answers[3] (klj_syarat).text"."""
    return problem.where.startswith(f"{answer_id}.") or f"({answer_id})" in problem.where


def _conflict(session: Session, answer_id: str) -> EditConflict:
    row = session.get(ContentDraft, answer_id, populate_existing=True)
    if row is not None:
        return EditConflict(answer_id, row.author, _draft(row).updated_at)
    change = last_change(session, answer_id)
    return EditConflict(answer_id, change.author if change else "", change.created_at if change else None)


def save_draft(
    session: Session, content_dir: Path, answer_id: str, fields: EntryFields, base_version: str, author: str
) -> Draft:
    """Save the editor's change as a draft; EditConflict or InvalidContent leave everything as it was.

    The caller commits (the console's `db()` does, with the audit entry)."""
    if entry_version(session, content_dir, answer_id) != base_version:
        raise _conflict(session, answer_id)
    problems = entry_findings(current_files(session, content_dir)[1], answer_id, fields).problems
    if problems:
        raise InvalidContent(problems)
    values = {"fields": fields.to_json(), "version": fields.version, "author": author, "updated_at": utcnow()}
    if session.get(ContentDraft, answer_id) is not None:
        guarded = (
            update(ContentDraft)
            .where(ContentDraft.answer_id == answer_id, ContentDraft.version == base_version)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if session.execute(guarded).rowcount != 1:  # another save landed between our read and this write
            raise _conflict(session, answer_id)
    else:
        session.add(ContentDraft(answer_id=answer_id, base_version=base_version, **values))
        try:
            session.flush()
        except IntegrityError as exc:  # another editor's first draft of this entry landed just now
            raise EditConflict(answer_id, "", None) from exc
    session.expire_all()
    return _draft(session.get(ContentDraft, answer_id))
