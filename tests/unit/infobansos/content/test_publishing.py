"""Publishing all drafts at once, refusing a bad one, and reverting one entry in one step."""

from __future__ import annotations

from pathlib import Path

import pytest
from revision_edits import KLJ_REQUIREMENTS, NEW_LINE, edit, published_fields
from sqlalchemy.orm import Session

from infobansos.content.models import ContentDraft
from infobansos.content.revisions import (
    EditConflict,
    PublishRefused,
    current_files,
    list_revisions,
    pending_drafts,
    publish,
    read_entry,
    revert_entry,
)

KLJ_AMOUNT = "klj_besaran"


def test_publish_applies_every_pending_draft_in_one_revision(session: Session, staff_copy: Path) -> None:
    edit(session, staff_copy, "siti")
    edit(session, staff_copy, "budi", "Jumlahnya bisa berubah tiap tahun.", KLJ_AMOUNT)
    revision = publish(session, "siti", staff_copy)
    session.commit()
    assert set(revision.changed) == {KLJ_REQUIREMENTS, KLJ_AMOUNT} and revision.author == "siti"
    assert pending_drafts(session) == []
    revision_id, files = current_files(session, staff_copy)
    assert revision_id == revision.id
    assert NEW_LINE in read_entry(files, KLJ_REQUIREMENTS)[1].text
    assert "Jumlahnya bisa berubah tiap tahun." in read_entry(files, KLJ_AMOUNT)[1].text
    # The first publish also kept the files it started from, so the old text can come back.
    baseline = list_revisions(session)[-1]
    assert [r.id for r in list_revisions(session)] == [revision.id, baseline.id] and baseline.changed == ()


def test_a_bad_draft_refuses_the_publish_and_nothing_changes(session: Session, staff_copy: Path) -> None:
    edit(session, staff_copy, "siti")
    fields = published_fields(session, staff_copy, KLJ_AMOUNT).to_json()
    # A draft that no longer passes (say, check-content grew stricter since it was saved).
    session.add(
        ContentDraft(
            answer_id=KLJ_AMOUNT,
            fields={**fields, "text": "{{ rahasia }}"},
            version="x",
            base_version="y",
            author="budi",
        )
    )
    session.commit()
    with pytest.raises(PublishRefused) as refused:
        publish(session, "siti", staff_copy)
    session.rollback()
    assert [(p.where, p.message.split(":")[0]) for p in refused.value.problems] == [
        ("klj_besaran.text", "Teks tidak bisa ditampilkan")
    ]
    assert list_revisions(session) == [] and len(pending_drafts(session)) == 2


def test_nothing_to_publish_is_said_so(session: Session, staff_copy: Path) -> None:
    with pytest.raises(PublishRefused, match="Tidak ada draf"):
        publish(session, "siti", staff_copy)


def test_revert_brings_the_entry_back_as_a_new_revision(session: Session, staff_copy: Path) -> None:
    original = published_fields(session, staff_copy)
    edit(session, staff_copy, "siti")
    changed = publish(session, "siti", staff_copy)
    session.commit()
    baseline = list_revisions(session)[-1]
    reverted = revert_entry(session, staff_copy, KLJ_REQUIREMENTS, baseline.id, "budi")
    session.commit()
    assert reverted.id > changed.id and reverted.changed == (KLJ_REQUIREMENTS,) and reverted.author == "budi"
    assert published_fields(session, staff_copy) == original
    assert len(list_revisions(session)) == 3  # history is kept, not rewritten


def test_revert_waits_while_a_draft_of_that_entry_is_pending(session: Session, staff_copy: Path) -> None:
    edit(session, staff_copy, "siti")
    publish(session, "siti", staff_copy)
    edit(session, staff_copy, "budi", "Lagi.")
    with pytest.raises(EditConflict) as conflict:
        revert_entry(session, staff_copy, KLJ_REQUIREMENTS, list_revisions(session)[-1].id, "siti")
    assert conflict.value.author == "budi"
