"""What the revision tests do as an editor would: change the KLJ requirements answer, and read it back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy.orm import Session

from infobansos import protocol
from infobansos.content.revisions import EntryFields, current_files, entry_version, read_entry, save_draft
from infobansos.content.store import ContentStore

KLJ_REQUIREMENTS = "klj_syarat"
NEW_LINE = "Bawa juga fotokopi buku tabungan Bank DKI."


def published_fields(session: Session, content_dir: Path, answer_id: str = KLJ_REQUIREMENTS) -> EntryFields:
    return read_entry(current_files(session, content_dir)[1], answer_id)[1]


def add_line(fields: EntryFields, line: str = NEW_LINE) -> EntryFields:
    return dataclasses.replace(fields, text=fields.text.rstrip("\n") + "\n" + line + "\n")


def edit(session: Session, content_dir: Path, author: str, line: str = NEW_LINE, answer_id: str = KLJ_REQUIREMENTS):
    """Open the entry in the editor, add a line, save: the draft."""
    base = entry_version(session, content_dir, answer_id)
    fields = add_line(published_fields(session, content_dir, answer_id), line)
    draft = save_draft(session, content_dir, answer_id, fields, base, author)
    session.commit()
    return draft


def klj_requirements(store: ContentStore) -> str:
    """The KLJ requirements answer as a resident reads it."""
    return store.render(store.answer_for(protocol.ASK_REQUIREMENTS, "klj")).text
