"""Readability: words per sentence reported, and each sentence over 20 words flagged with its entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from small_content import fact, small_content

from infobansos.content.checks import main
from infobansos.content.readability import readability, sentences, word_count
from infobansos.content.store import load_content

LONG = (
    "Tidak ada mobil di keluarga, tidak punya tanah atau bangunan dengan NJOP di atas Rp1 miliar, "
    "dan tidak ada anggota KK yang ASN atau TNI."
)


def test_numbered_steps_and_bullets_are_sentences_without_a_full_stop() -> None:
    source = "Syarat KLJ:\n1. Berusia 60 tahun ke atas\n2) Punya KTP DKI\n- Terdaftar di DTSEN\n• Tinggal di Jakarta"
    assert sentences(source) == [
        "Syarat KLJ:",
        "Berusia 60 tahun ke atas",
        "Punya KTP DKI",
        "Terdaftar di DTSEN",
        "Tinggal di Jakarta",
    ]


def test_a_line_is_split_after_a_full_stop_but_not_after_a_short_form_or_inside_a_number() -> None:
    source = "Uangnya Rp300.000 per bulan. Datang ke Jl. Gunung Sahari No. 4! Sudah?"
    assert sentences(source) == ["Uangnya Rp300.000 per bulan.", "Datang ke Jl. Gunung Sahari No. 4!", "Sudah?"]


def test_urls_and_jinja_expressions_are_one_word_and_emojis_none() -> None:
    source = "👵 {{ program_name }} dicek di https://cekbansos.kemensos.go.id/cek?x=1. Isi {{ 300000 | rupiah }} saja."
    found = sentences(source)
    assert found == ["👵 X dicek di https://cekbansos.kemensos.go.id/cek?x=1.", "Isi X saja."]
    assert [word_count(s) for s in found] == [4, 3]


def test_sentences_over_20_words_are_flagged_with_the_entry_and_the_sentence(tmp_path: Path) -> None:
    assert word_count(LONG) == 25
    content, _ = small_content(tmp_path, fact(text="Syarat:\n1. " + LONG, more='"Dua kata."'))
    report = readability(load_content(content).answers.values())
    warnings = report.warnings()
    assert len(warnings) == 1
    assert "dtks_apa_itu.text: 25 kata dalam satu kalimat" in str(warnings[0]) and LONG in warnings[0].message
    assert report.summary() == (
        "keterbacaan: 3 kalimat, rata-rata 9.3 kata per kalimat, terpanjang 25 kata (dtks_apa_itu.text); "
        "1 kalimat lebih dari 20 kata"
    )
    assert report.per_entry() == ["dtks_apa_itu: 3 kalimat, rata-rata 9.3, terpanjang 25 kata"]


def test_a_20_word_sentence_is_not_flagged(tmp_path: Path) -> None:
    twenty = " ".join(["kata"] * 19) + " akhir."
    content, _ = small_content(tmp_path, fact(text=twenty))
    assert readability(load_content(content).answers.values()).warnings() == []


def test_long_sentences_are_warnings_check_content_still_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content, domain = small_content(tmp_path, fact(text=LONG))
    monkeypatch.setattr("sys.argv", ["check-content", "--content", str(content), "--domain", str(domain)])
    assert main(today=dt.date(2026, 11, 30)) == 0
    out = capsys.readouterr().out
    assert "peringatan: " in out and "25 kata dalam satu kalimat" in out
    assert "keterbacaan: 1 kalimat, rata-rata 25.0 kata per kalimat" in out
