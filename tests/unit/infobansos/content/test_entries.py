"""One answer replaced inside its file: the rest of the file, comments included, stays as it was."""

from __future__ import annotations

import dataclasses
import difflib

import pytest

from infobansos.content.entries import all_entries, read_entry, with_entry
from infobansos.content.tree import read_tree
from infobansos.settings import PROJECT_ROOT

FILES = read_tree(PROJECT_ROOT / "content")


def test_every_shipped_entry_written_back_unchanged_leaves_every_file_byte_for_byte() -> None:
    entries = list(all_entries(FILES))
    assert len(entries) > 100
    for location, fields in entries:
        assert with_entry(FILES, location.id, fields) == FILES, location.id


def test_changing_the_klj_requirements_touches_only_the_changed_lines() -> None:
    location, fields = read_entry(FILES, "klj_syarat")
    assert (location.path, location.intent, location.program, location.kind) == (
        "answers/klj.yml",
        "tanya_syarat",
        "klj",
        "fakta",
    )
    changed = dataclasses.replace(fields, text=fields.text + "Baris baru.\n", buttons=(("Kontak", "/tanya_kontak"),))
    new = with_entry(FILES, "klj_syarat", changed)
    assert {path for path in FILES if new[path] != FILES[path]} == {"answers/klj.yml"}
    diff = [
        line
        for line in difflib.unified_diff(FILES[location.path].splitlines(), new[location.path].splitlines(), n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert "+      Baris baru." in diff and "+      - title: Kontak" in diff
    old_buttons = 2 * len(fields.buttons)  # each button is two lines (title, payload)
    assert len(diff) == 1 + old_buttons + 2  # the new line, the old buttons out, the new one in, nothing else
    assert read_entry(new, "klj_syarat")[1] == changed
    assert [f for loc, f in all_entries(new) if loc.id != "klj_syarat"] == [
        f for loc, f in all_entries(FILES) if loc.id != "klj_syarat"
    ]


def test_every_entry_keeps_the_blank_line_before_the_next_one_after_any_edit() -> None:
    for location, fields in all_entries(FILES):
        edited = dataclasses.replace(
            fields, text=fields.text + "Baris baru.\n", more=None if fields.more else "Sisanya.\n", notes=None
        )
        new = with_entry(FILES, location.id, edited)[location.path]
        assert new.count("\n\n  - id:") == FILES[location.path].count("\n\n  - id:"), location.id
        assert read_entry({location.path: new}, location.id)[1] == edited


def test_an_unknown_answer_id_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        read_entry(FILES, "tidak_ada")


def test_text_that_looks_like_yaml_stays_text_and_cannot_add_an_entry() -> None:
    fields = read_entry(FILES, "klj_syarat")[1]
    sly = "Syarat:\n  - id: palsu\n    intent: greet\n# bukan komentar\nkey: 'value'  \"kutip\"\n"
    edited = dataclasses.replace(fields, text=sly, notes="catatan: #1\n---\n", sources=("https://a.go.id/?q=1#x",))
    new = with_entry(FILES, "klj_syarat", edited)
    assert read_entry(new, "klj_syarat")[1] == edited
    assert [loc.id for loc, _ in all_entries(new)] == [loc.id for loc, _ in all_entries(FILES)]
