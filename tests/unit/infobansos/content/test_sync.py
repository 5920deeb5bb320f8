"""make content-export / content-import: the published revision and content/ stay in step."""

from __future__ import annotations

from pathlib import Path

import pytest
from revision_edits import NEW_LINE, edit
from sqlalchemy.orm import Session

from infobansos.content.revisions import current_files, list_revisions, publish
from infobansos.content.sync import ImportRefused, export_latest, import_files, main
from infobansos.content.tree import read_tree


def test_export_then_import_round_trip(session: Session, staff_copy: Path) -> None:
    edit(session, staff_copy, "siti")
    published = publish(session, "siti", staff_copy)
    session.commit()
    path = staff_copy / "answers" / "klj.yml"
    # Importing the files now would undo Siti's change: refused until it is exported.
    with pytest.raises(ImportRefused, match="belum diekspor"):
        import_files(session, staff_copy, "dev")
    assert export_latest(session, staff_copy) == published
    session.commit()
    assert (
        NEW_LINE in path.read_text(encoding="utf-8") and read_tree(staff_copy) == current_files(session, staff_copy)[1]
    )
    assert import_files(session, staff_copy, "dev") is None  # same as published: nothing to do
    path.write_text(path.read_text(encoding="utf-8").replace(NEW_LINE, "Diubah lewat git."), encoding="utf-8")
    imported = import_files(session, staff_copy, "dev")
    session.commit()
    assert imported is not None and imported.changed == ("klj_syarat",)
    assert current_files(session, staff_copy) == (imported.id, read_tree(staff_copy))


def test_force_imports_over_unexported_console_changes(session: Session, staff_copy: Path) -> None:
    edit(session, staff_copy, "siti")
    publish(session, "siti", staff_copy)
    session.commit()
    imported = import_files(session, staff_copy, "dev", force=True)
    session.commit()
    assert (
        imported.changed == ("klj_syarat",) and NEW_LINE not in current_files(session, staff_copy)[1]["answers/klj.yml"]
    )


def test_the_make_targets_print_what_happened(
    database_url: str, staff_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--content", str(staff_copy)]) == 0
    assert "Belum ada revisi" in capsys.readouterr().out
    assert main(["import", "--content", str(staff_copy)]) == 0
    assert "diterbitkan sebagai revisi 1" in capsys.readouterr().out


def test_import_refuses_content_that_fails_the_checks(session: Session, staff_copy: Path) -> None:
    path = staff_copy / "answers" / "klj.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Syarat {{ program_name }}:", "{{ salah }}"))
    with pytest.raises(Exception, match=r"klj_syarat\.text"):
        import_files(session, staff_copy, "dev")
    session.rollback()
    assert list_revisions(session) == []
