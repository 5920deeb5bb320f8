"""Drafts: saved edits residents do not see, and two editors on one entry."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from revision_edits import KLJ_REQUIREMENTS, NEW_LINE, add_line, edit, published_fields
from sqlalchemy.orm import Session

from infobansos.content.revisions import (
    EditConflict,
    InvalidContent,
    current_files,
    discard_draft,
    entry_version,
    latest_revision,
    pending_drafts,
    save_draft,
)


def test_a_saved_draft_is_pending_and_residents_still_get_the_published_text(
    session: Session, staff_copy: Path
) -> None:
    before = current_files(session, staff_copy)
    draft = edit(session, staff_copy, "siti")
    assert [(d.answer_id, d.author) for d in pending_drafts(session)] == [(KLJ_REQUIREMENTS, "siti")]
    assert NEW_LINE in pending_drafts(session)[0].fields.text
    assert current_files(session, staff_copy) == before and latest_revision(session) is None
    assert entry_version(session, staff_copy, KLJ_REQUIREMENTS) == draft.version  # the editor reopens the draft


def test_the_second_editor_gets_a_conflict_naming_who_saved_in_between(session: Session, staff_copy: Path) -> None:
    opened = entry_version(session, staff_copy, KLJ_REQUIREMENTS)  # both open the entry
    fields = published_fields(session, staff_copy)
    save_draft(session, staff_copy, KLJ_REQUIREMENTS, add_line(fields, "Dari Siti."), opened, "siti")
    session.commit()
    with pytest.raises(EditConflict) as conflict:
        save_draft(session, staff_copy, KLJ_REQUIREMENTS, add_line(fields, "Dari Budi."), opened, "budi")
    assert conflict.value.author == "siti" and conflict.value.at is not None
    session.rollback()
    (draft,) = pending_drafts(session)
    assert "Dari Siti." in draft.fields.text and "Dari Budi." not in draft.fields.text


def test_a_draft_that_breaks_a_check_is_refused_in_plain_indonesian_and_not_saved(
    session: Session, staff_copy: Path
) -> None:
    fields = published_fields(session, staff_copy)
    broken = dataclasses.replace(fields, text="Syarat {{ nama_program }}.\n")
    with pytest.raises(InvalidContent) as refused:
        save_draft(session, staff_copy, KLJ_REQUIREMENTS, broken, fields.version, "siti")
    (problem,) = refused.value.problems
    assert problem.where == "klj_syarat.text" and problem.message.startswith("Teks tidak bisa ditampilkan")
    session.rollback()
    assert pending_drafts(session) == []


def test_a_discarded_draft_is_gone(session: Session, staff_copy: Path) -> None:
    edit(session, staff_copy, "siti")
    discard_draft(session, KLJ_REQUIREMENTS)
    session.commit()
    assert pending_drafts(session) == []
    assert entry_version(session, staff_copy, KLJ_REQUIREMENTS) == published_fields(session, staff_copy).version
