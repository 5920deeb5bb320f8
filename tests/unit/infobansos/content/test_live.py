"""What residents are served: the newest revision, picked up without a restart, never a broken one."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest
from revision_edits import NEW_LINE, edit, klj_requirements
from sqlalchemy.orm import Session

from infobansos.content.publishing import store_revision
from infobansos.content.revisions import (
    EntryFields,
    PublishedContent,
    current_files,
    load_files,
    publish,
    read_entry,
    with_entry,
)
from infobansos.content.tree import read_tree


def test_a_published_revision_is_served_at_the_next_check(
    session: Session, staff_copy: Path, database_url: str
) -> None:
    live = PublishedContent(database_url, staff_copy, poll_seconds=0)
    assert live.revision is None and NEW_LINE not in klj_requirements(live.current())
    edit(session, staff_copy, "siti")
    assert NEW_LINE not in klj_requirements(live.current())  # a draft is not served
    revision = publish(session, "siti", staff_copy)
    session.commit()
    assert NEW_LINE in klj_requirements(live.current()) and live.revision == revision.id


def test_between_checks_the_same_store_serves_every_reply(
    session: Session, staff_copy: Path, database_url: str
) -> None:
    live = PublishedContent(database_url, staff_copy, poll_seconds=3600)
    store = live.current()
    edit(session, staff_copy, "siti")
    publish(session, "siti", staff_copy)
    session.commit()
    assert live.current() is store
    assert NEW_LINE in klj_requirements(live.reload().store)  # /reload checks at once


def test_a_revision_that_does_not_load_keeps_the_old_content(
    session: Session, staff_copy: Path, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    live = PublishedContent(database_url, staff_copy, poll_seconds=0)
    served = live.current()
    _, files = current_files(session, staff_copy)
    broken = store_revision(session, None, {**files, "messages.yml": "messages: [tidak: valid"}, "x", "rusak", ())
    session.commit()
    with caplog.at_level(logging.ERROR):
        assert live.current() is served and live.revision is None
    assert f"content revision {broken.id} not loaded" in caplog.text


def test_before_any_publish_reload_reads_the_edited_files(staff_copy: Path, database_url: str) -> None:
    live = PublishedContent(database_url, staff_copy, poll_seconds=0)
    path = staff_copy / "answers" / "klj.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Syarat {{ program_name }}:", "Syarat baru:"))
    assert "Syarat baru:" not in klj_requirements(live.current())
    assert "Syarat baru:" in klj_requirements(live.reload().store)


def test_a_draft_tree_loads_for_a_preview_as_residents_would_read_it(staff_copy: Path) -> None:
    files = read_tree(staff_copy)
    fields: EntryFields = read_entry(files, "klj_syarat")[1]
    preview = load_files(with_entry(files, "klj_syarat", dataclasses.replace(fields, text="Syarat baru.\n")))
    assert klj_requirements(preview.store).startswith("Syarat baru.") and preview.revision is None


def test_every_instance_sharing_the_database_picks_up_the_revision(
    session: Session, staff_copy: Path, database_url: str
) -> None:
    bot, actions_one, actions_two = (PublishedContent(database_url, staff_copy, poll_seconds=0) for _ in range(3))
    edit(session, staff_copy, "siti")
    revision = publish(session, "siti", staff_copy)
    session.commit()
    for instance in (bot, actions_one, actions_two):
        assert NEW_LINE in klj_requirements(instance.current()) and instance.revision == revision.id
