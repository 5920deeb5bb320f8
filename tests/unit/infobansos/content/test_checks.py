from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from small_content import fact, small_content

from infobansos.content.checks import check_store, main, read_domain
from infobansos.content.store import load_content
from infobansos.settings import PROJECT_ROOT

DOMAIN = PROJECT_ROOT / "domain.yml"


@pytest.fixture
def staff_copy(tmp_path: Path, content_dir: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    return target


def test_shipped_content_passes(content_dir: Path) -> None:
    assert [str(p) for p in check_store(load_content(content_dir), read_domain(DOMAIN))] == []


def test_undefined_template_variable_is_caught(staff_copy: Path) -> None:
    path = staff_copy / "answers" / "dtks_dtsen.yml"
    path.write_text(path.read_text().replace("DTKS (Data", "{{ nama_program }} (Data", 1))
    problems = [str(p) for p in check_store(load_content(staff_copy), read_domain(DOMAIN))]
    assert any("dtks_apa_itu.text" in p and "nama_program" in p for p in problems)


def _problems(tmp_path: Path, answers: str) -> list[str]:
    content, domain = small_content(tmp_path, answers)
    return [str(p) for p in check_store(load_content(content), read_domain(domain))]


def test_a_text_or_more_part_over_700_characters_fails_and_the_footer_does_not_count(tmp_path: Path) -> None:
    exactly = "a" * 699 + "."  # 700 characters; the footer under it makes the message longer
    assert _problems(tmp_path / "ok", fact(text=exactly, more="b" * 699 + ".")) == []
    problems = _problems(tmp_path / "long", fact(text=exactly + "b", more="c" * 701))
    assert any("dtks_apa_itu.text: Panjangnya 701 karakter, lebih dari 700" in p and "(more)" in p for p in problems)
    assert any("dtks_apa_itu.more: Panjangnya 701 karakter, lebih dari 700" in p for p in problems)


def test_more_is_refused_where_the_selengkapnya_button_cannot_reach_it(tmp_path: Path) -> None:
    answers = fact(more='"Sisanya."') + (
        "  - id: ragu\n    kind: percakapan\n    intent: nlu_fallback\n    text: Maaf.\n    more: Sisanya.\n"
    )
    problems = _problems(tmp_path, answers)
    assert problems == [
        f"{tmp_path}/content/answers/dtks.yml: ragu.more: Jawaban untuk 'nlu_fallback' tidak bisa diberi bagian "
        "'Selengkapnya'. Persingkat teksnya saja."
    ]


def test_an_undefined_variable_in_more_is_named(tmp_path: Path) -> None:
    problems = _problems(tmp_path, fact(more='"{{ nama_program }} lainnya."'))
    assert any("dtks_apa_itu.more" in p and "nama_program" in p for p in problems)


def test_domain_intent_without_answer_and_unreachable_answer_are_caught(content_dir: Path, tmp_path: Path) -> None:
    domain = tmp_path / "domain.yml"
    domain.write_text(DOMAIN.read_text().replace("  - tanya_dtks\n", "  - tanya_kjp\n", 1))
    problems = [str(p) for p in check_store(load_content(content_dir), read_domain(domain))]
    assert any("Pertanyaan 'tanya_kjp' belum punya jawaban" in p for p in problems)
    assert any("dtks_apa_itu.intent: 'tanya_dtks' bukan jenis pertanyaan" in p for p in problems)


def test_missing_program_answer_is_named(staff_copy: Path) -> None:
    path = staff_copy / "answers" / "klj.yml"
    text = path.read_text()
    start = text.index("  - id: klj_besaran")
    end = text.index("  - id:", start + 5)
    path.write_text(text[:start] + text[end:])
    problems = [str(p) for p in check_store(load_content(staff_copy), read_domain(DOMAIN))]
    assert "answers: Belum ada jawaban untuk tanya_besaran dan program klj." in problems


def test_button_to_an_unknown_intent_or_program_is_caught(staff_copy: Path) -> None:
    path = staff_copy / "answers" / "percakapan.yml"
    path.write_text(path.read_text().replace("payload: /tanya_dtks", 'payload: \'/tanya_syarat{"program": "kjs"}\'', 1))
    problems = [str(p) for p in check_store(load_content(staff_copy), read_domain(DOMAIN))]
    assert any("sapaan.buttons" in p and "program 'kjs' tidak ada" in p for p in problems)


@pytest.mark.parametrize(
    "probe", ["{{ ''.__class__.__mro__ }}", "{{ lipsum.__globals__ }}", "{{ ().__class__.__base__.__subclasses__() }}"]
)
def test_a_template_reaching_for_python_internals_fails_check_content(
    staff_copy: Path, probe: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = staff_copy / "answers" / "dtks_dtsen.yml"
    path.write_text(path.read_text().replace("DTKS (Data", probe + " (Data", 1))
    monkeypatch.setattr("sys.argv", ["check-content", "--content", str(staff_copy)])
    assert main() == 1
    errors = capsys.readouterr().err
    assert "dtks_apa_itu.text" in errors and "is unsafe" in errors
    assert "<class 'object'>" not in errors


def test_an_intent_without_a_plain_label_fails_check_content(staff_copy: Path) -> None:
    """Reports and the staff console show labels, never intent names, so every intent needs one."""
    topics = staff_copy / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    assert '  kirim_nomor: "' in text
    topics.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("  kirim_nomor:")) + "\n", encoding="utf-8"
    )
    problems = [str(p) for p in check_store(load_content(staff_copy), read_domain(DOMAIN))]
    assert problems == [
        "topics.yml: other_topics: Jenis pertanyaan 'kirim_nomor' belum punya nama. Tambahkan di bagian topics "
        "(pertanyaan warga) atau other_topics (jenis lain) agar laporan tidak menampilkan nama internalnya."
    ]


def test_a_label_for_an_unknown_intent_is_named(staff_copy: Path) -> None:
    topics = staff_copy / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + '  tanya_kjp: "KJP"\n', encoding="utf-8")
    problems = [str(p) for p in check_store(load_content(staff_copy), read_domain(DOMAIN))]
    assert problems == ["topics.yml: other_topics.tanya_kjp: 'tanya_kjp' bukan jenis pertanyaan di domain.yml."]
