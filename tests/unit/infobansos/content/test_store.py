from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from staff_edits import write_answer

from infobansos import protocol
from infobansos.content.store import ContentError, format_date_id, format_month_id, format_rupiah, load_content


def test_dtks_answer_says_it_became_dtsen_in_2025(content_dir: Path) -> None:
    store = load_content(content_dir)
    answer = store.answer_for("tanya_dtks")
    assert answer is not None
    text = store.render(answer).text
    assert "DTSEN" in text and "2025" in text
    assert "ℹ️ Info per Februari 2026." in text  # checked: 2026-02-16


def test_greeting_has_no_check_date_footer_but_offers_a_button(content_dir: Path) -> None:
    store = load_content(content_dir)
    rendered = store.render(store.answer_for("greet"))
    assert "Info per" not in rendered.text
    assert rendered.buttons[0].payload == "/tanya_dtks"
    assert len(rendered.buttons) >= 3


def test_program_specific_answer_wins_over_the_general_one(staff_copy: Path) -> None:
    write_answer(
        staff_copy,
        """answers:
  - id: syarat_umum
    intent: tanya_contoh
    checked: 2026-11-28
    sources: [https://jakarta.go.id]
    text: Syarat umum.
  - id: syarat_klj
    intent: tanya_contoh
    program: klj
    checked: 2026-11-28
    sources: [https://jakarta.go.id]
    text: Syarat KLJ.
""",
    )
    store = load_content(staff_copy)
    assert store.answer_for("tanya_contoh", "klj").id == "syarat_klj"
    assert store.answer_for("tanya_contoh", "kaj").id == "syarat_umum"


def test_program_name_is_available_to_program_templates(staff_copy: Path) -> None:
    write_answer(
        staff_copy,
        """answers:
  - id: contoh_klj
    intent: tanya_contoh
    program: klj
    checked: 2026-11-28
    sources: [https://jakarta.go.id]
    text: "Tentang {{ program_name }}."
""",
    )
    store = load_content(staff_copy)
    assert store.render(store.answer_for("tanya_contoh", "klj")).text.startswith("Tentang KLJ (Kartu Lansia Jakarta).")


def test_answer_for_an_unknown_program_is_rejected(staff_copy: Path) -> None:
    write_answer(
        staff_copy,
        "answers:\n  - id: x\n    intent: tanya_contoh\n    program: kartu_ajaib\n"
        "    kind: percakapan\n    text: hai\n",
    )
    with pytest.raises(ContentError, match=r"'kartu_ajaib' tidak ada di programs\.yml"):
        load_content(staff_copy)


def test_the_first_broken_file_is_reported_messages_before_answers(staff_copy: Path) -> None:
    write_answer(staff_copy, "jawaban: []\n")
    messages = staff_copy / "messages.yml"
    messages.write_text(messages.read_text().replace("  busy:", "  sibuk:"))
    with pytest.raises(ContentError, match=r"messages\.busy: belum diisi"):
        load_content(staff_copy)


def test_indonesian_formats() -> None:
    assert format_rupiah(300000) == "Rp300.000"
    assert format_rupiah(9_000_000) == "Rp9.000.000"
    assert format_date_id(dt.date(2025, 2, 5)) == "5 Februari 2025"
    assert format_month_id(dt.date(2026, 11, 28)) == "November 2026"


LONG_ANSWER = """answers:
  - id: contoh_klj
    intent: tanya_contoh
    program: klj
    checked: 2025-12-03
    sources: [https://dinsos.jakarta.go.id]
    notes: Hanya untuk staf; jadwal 2026 belum pasti.
    text: Ringkasnya, {{ program_name }} untuk lansia.
    more: |
      Selengkapnya tentang {{ program_name }}:
      1. Usia 60 tahun ke atas.
    buttons:
      - title: Cara daftar KLJ
        payload: '/tanya_cara_daftar{"program": "klj"}'
"""


def test_a_long_answer_shows_its_text_then_its_more_part_under_the_same_footer(staff_copy: Path) -> None:
    write_answer(staff_copy, LONG_ANSWER)
    store = load_content(staff_copy)
    answer = store.answer_for("tanya_contoh", "klj")
    first = store.render(answer)
    assert first.text == "Ringkasnya, KLJ (Kartu Lansia Jakarta) untuk lansia.\n\nℹ️ Info per Desember 2025."
    more_button, daftar = first.buttons
    assert more_button.title == "Selengkapnya"
    assert more_button.payload == '/tanya_contoh{"program": "klj", "bagian": "lengkap"}'
    assert daftar.title == "Cara daftar KLJ"

    rest = store.render(answer, part=protocol.PART_MORE)
    assert rest.text.startswith("Selengkapnya tentang KLJ (Kartu Lansia Jakarta):\n1. Usia 60 tahun ke atas.")
    assert rest.text.endswith("ℹ️ Info per Desember 2025.")
    assert [b.title for b in rest.buttons] == ["Cara daftar KLJ"], "no second 'Selengkapnya'"
    assert all("Hanya untuk staf" not in r.text for r in (first, rest)), "notes never reach residents"


def test_an_answer_without_more_has_no_selengkapnya_button_even_when_asked_for_the_rest(staff_copy: Path) -> None:
    more = "    more: |\n      Selengkapnya tentang {{ program_name }}:\n      1. Usia 60 tahun ke atas.\n"
    assert more in LONG_ANSWER
    write_answer(staff_copy, LONG_ANSWER.replace(more, ""))
    store = load_content(staff_copy)
    answer = store.answer_for("tanya_contoh", "klj")
    assert answer.more is None
    assert store.render(answer, part=protocol.PART_MORE) == store.render(answer)
    assert [b.title for b in store.render(answer).buttons] == ["Cara daftar KLJ"]
