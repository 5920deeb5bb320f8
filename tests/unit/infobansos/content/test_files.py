"""Reading each content file: every mistake a staff member might make names the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from staff_edits import write_answer

from infobansos.content.files import (
    CorrectionWords,
    read_answers,
    read_correction_words,
    read_messages,
    read_programs,
    read_topics,
)
from infobansos.content.templates import ContentError, template_environment


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        ("answers:\n  - id: a\n    intent: x\n    checked: 2026-11-28\n    text: hai\n", "sources", "belum diisi"),
        (
            "answers:\n  - id: a\n    intent: x\n    sources: [https://a.go.id]\n    text: hai\n",
            "checked",
            "belum diisi",
        ),
        (
            "answers:\n  - id: a\n    intent: x\n    checked: 2026-11-28\n    sources: [dinsos]\n    text: hai\n",
            "sources[0]",
            "alamat web yang diawali https://",
        ),
        (
            "answers:\n  - id: a\n    intent: x\n    checked: 2026-11-28\n    sources: [https://a.go.id]\n"
            "    text: '{{ nama '\n",
            "text",
            "salah tulis templat di baris",
        ),
        ("answers:\n  - id: a\n   intent: x\n", "line", "bukan YAML yang benar"),
        ("jawaban: []\n", "answers", "daftar bernama 'answers'"),
    ],
)
def test_broken_content_names_the_file_and_the_field(staff_copy: Path, body: str, field: str, problem: str) -> None:
    path = write_answer(staff_copy, body)
    with pytest.raises(ContentError) as caught:
        read_answers(template_environment(), staff_copy / "answers")
    message = str(caught.value)
    assert str(path) in message
    assert field in message
    assert problem in message


def test_duplicate_id_is_reported_with_both_files(staff_copy: Path) -> None:
    write_answer(staff_copy, "answers:\n  - id: sapaan\n    kind: percakapan\n    intent: pamit\n    text: Dah\n")
    with pytest.raises(ContentError, match=r"percakapan\.yml"):
        read_answers(template_environment(), staff_copy / "answers")


def test_missing_interface_message_is_reported(staff_copy: Path) -> None:
    messages = staff_copy / "messages.yml"
    messages.write_text(messages.read_text().replace("  busy:", "  sibuk:"))
    with pytest.raises(ContentError, match=r"messages\.busy: belum diisi"):
        read_messages(template_environment(), messages)


def test_a_topic_without_a_label_is_named(staff_copy: Path) -> None:
    topics = staff_copy / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace('"Syarat bantuan"', '""'), encoding="utf-8")
    with pytest.raises(ContentError, match=r"topics\.tanya_syarat: harus berupa label pendek"):
        read_topics(topics)


def test_a_program_needs_a_short_name(staff_copy: Path) -> None:
    programs = staff_copy / "programs.yml"
    programs.write_text(programs.read_text(encoding="utf-8").replace(', short: "KLJ (lansia)"', ""), encoding="utf-8")
    with pytest.raises(ContentError, match=r"programs\.klj"):
        read_programs(programs)


def test_the_real_content_reads(content_dir: Path) -> None:
    assert read_programs(content_dir / "programs.yml")["klj"].short == "KLJ (lansia)"
    assert read_topics(content_dir / "topics.yml")["tanya_syarat"] == "Syarat bantuan"
    words = read_correction_words(content_dir / "signals.yml")
    assert isinstance(words, CorrectionWords) and "bukan itu" in words.anywhere
    assert ("tanya_dtks", None) in read_answers(template_environment(), content_dir / "answers")
    assert "busy" in read_messages(template_environment(), content_dir / "messages.yml")


def test_notes_and_more_are_read_and_a_misspelt_field_is_named(staff_copy: Path) -> None:
    body = (
        "answers:\n  - id: a\n    intent: x\n    checked: 2026-11-28\n    sources: [https://a.go.id]\n"
        "    notes: Jadwal 2026 belum pasti (FACTS §8).\n    text: Singkat.\n    more: Sisanya, {{ 'x' }}.\n"
    )
    write_answer(staff_copy, body)
    answer = read_answers(template_environment(), staff_copy / "answers")[("x", None)]
    assert answer.notes == "Jadwal 2026 belum pasti (FACTS §8)."
    assert answer.more is not None and answer.more.render() == "Sisanya, x."

    path = write_answer(staff_copy, body.replace("    notes:", "    note:"))
    with pytest.raises(ContentError, match=r"\(a\)\.note: kolom tidak dikenal; .*notes") as caught:
        read_answers(template_environment(), staff_copy / "answers")
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ("    more: '{{ sisa '\n", r"\(a\)\.more: salah tulis templat"),
        ("    more: '  '\n", r"\(a\)\.more: kosong"),
        ("    notes: [satu, dua]\n", r"\(a\)\.notes: harus berupa teks"),
    ],
)
def test_a_broken_more_or_notes_is_named(staff_copy: Path, extra: str, problem: str) -> None:
    write_answer(
        staff_copy,
        "answers:\n  - id: a\n    intent: x\n    checked: 2026-11-28\n    sources: [https://a.go.id]\n"
        "    text: Singkat.\n" + extra,
    )
    with pytest.raises(ContentError, match=problem):
        read_answers(template_environment(), staff_copy / "answers")
