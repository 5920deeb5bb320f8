"""Per-entry history: every published change, newest first, with the diff staff read."""

from __future__ import annotations

from pathlib import Path

from revision_edits import KLJ_REQUIREMENTS, edit
from sqlalchemy.orm import Session

from infobansos.content.revisions import entry_history, latest_revision, list_revisions, publish


def test_history_lists_each_change_newest_first_with_a_diff(session: Session, staff_copy: Path) -> None:
    edit(session, staff_copy, "siti", "Baris pertama.")
    first = publish(session, "siti", staff_copy)
    edit(session, staff_copy, "budi", "Baris kedua.")
    second = publish(session, "budi", staff_copy)
    session.commit()
    history = entry_history(session, KLJ_REQUIREMENTS)
    assert [change.revision.id for change in history] == [second.id, first.id]
    assert "+  Baris kedua." in history[0].diff.splitlines()
    assert "Baris pertama." in history[0].before and "Baris kedua." in history[0].after
    assert history[0].after.startswith("id: klj_syarat")
    assert latest_revision(session) == second and list_revisions(session, limit=1) == [second]
    assert entry_history(session, "klj_besaran") == []
