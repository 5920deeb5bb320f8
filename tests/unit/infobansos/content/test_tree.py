"""Revisions published before eligibility.yml existed still load, export and publish whole."""

from __future__ import annotations

from pathlib import Path

from revision_edits import NEW_LINE, edit, klj_requirements
from sqlalchemy.orm import Session

from infobansos.content.models import ContentRevision
from infobansos.content.publishing import store_revision
from infobansos.content.revisions import PublishedContent, publish
from infobansos.content.sync import export_latest
from infobansos.content.tree import ADDED_SINCE_PUBLISHING, read_tree, with_added_files

ELIGIBILITY = "eligibility.yml"


def old_revision(session: Session, content_dir: Path) -> int:
    """A revision as the console stored it before eligibility.yml was added to content/."""
    files = {name: text for name, text in read_tree(content_dir).items() if name not in ADDED_SINCE_PUBLISHING}
    revision = store_revision(session, None, files, "siti", "sebelum cek kelayakan", ())
    session.commit()
    return revision.id


def test_eligibility_yml_is_a_file_added_since_publishing() -> None:
    assert ELIGIBILITY in ADDED_SINCE_PUBLISHING


def test_a_revision_keeps_its_own_copy_when_it_has_one(staff_copy: Path) -> None:
    assert with_added_files({ELIGIBILITY: "milik revisi"}, staff_copy)[ELIGIBILITY] == "milik revisi"
    assert with_added_files({}, staff_copy)[ELIGIBILITY] == (staff_copy / ELIGIBILITY).read_text(encoding="utf-8")


def test_an_old_revision_is_served_with_the_shipped_eligibility_rules(
    session: Session, staff_copy: Path, database_url: str
) -> None:
    revision = old_revision(session, staff_copy)
    snapshot = PublishedContent(database_url, staff_copy, poll_seconds=0).snapshot()
    assert snapshot.revision == revision  # loaded, not refused: the bot does not stay on older content
    assert [p.program for p in snapshot.eligibility.programs][:3] == ["kjp_plus", "kjmu", "klj"]


def test_exporting_an_old_revision_keeps_eligibility_yml(session: Session, staff_copy: Path) -> None:
    shipped = (staff_copy / ELIGIBILITY).read_text(encoding="utf-8")
    old_revision(session, staff_copy)
    export_latest(session, staff_copy)
    assert (staff_copy / ELIGIBILITY).read_text(encoding="utf-8") == shipped


def test_publishing_on_an_old_revision_stores_eligibility_yml_with_it(
    session: Session, staff_copy: Path, database_url: str
) -> None:
    old_revision(session, staff_copy)
    edit(session, staff_copy, "siti")
    published = publish(session, "siti", staff_copy)
    session.commit()
    stored = session.get(ContentRevision, published.id)
    assert stored is not None and ELIGIBILITY in stored.files
    assert NEW_LINE in klj_requirements(PublishedContent(database_url, staff_copy, poll_seconds=0).current())
