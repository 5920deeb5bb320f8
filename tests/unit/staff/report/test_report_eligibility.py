"""The report's "Cek kelayakan" section: how many checks started, finished and stopped, where, and what fitted."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from infobansos.eligibility.tracking import ABANDON_AFTER, asked, cancel_check, finish_check, start_check
from infobansos.settings import get_settings
from infobansos.storage.engine import session_factory
from staff.report.__main__ import main

NOW = dt.datetime.now(dt.UTC)
TODAY = NOW.date()


def _seed() -> None:
    long_ago, recent = NOW - ABANDON_AFTER - dt.timedelta(hours=1), NOW - dt.timedelta(minutes=1)
    with session_factory(get_settings().database_url).begin() as session:
        for check_id, programs in (("a", ["klj", "pkh"]), ("b", ["klj"]), ("c", ["kjp_plus"])):
            start_check(session, check_id, long_ago)
            finish_check(session, check_id, programs, long_ago)
        for check_id, question in (("d", "dtsen"), ("e", "dtsen"), ("f", "jenjang")):
            start_check(session, check_id, long_ago)
            asked(session, check_id, question)  # went quiet there
        start_check(session, "g", recent)
        cancel_check(session, "g", recent)  # /batal before any question
        start_check(session, "old", NOW - dt.timedelta(days=40))  # outside the default 30 days
        finish_check(session, "old", ["klj"], NOW - dt.timedelta(days=40))


def _section(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    html = Path(capsys.readouterr().out.strip().splitlines()[-1]).read_text(encoding="utf-8")
    found = re.search(r"<h2>Cek kelayakan</h2>(.*?)<h2>", html, re.S)
    assert found, "no eligibility section"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1)))


def test_the_report_counts_checks_and_shows_stops_and_programs_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    _seed()
    text = _section(capsys)
    assert "7 cek dimulai" in text and "3 selesai" in text
    assert "4 berhenti di tengah, 1 di antaranya dengan /batal" in text
    assert "Terdaftar di DTSEN/DTKS 2" in text and "Jenjang sekolah anak 1" in text
    assert "Sebelum pertanyaan pertama 1" in text
    assert "KLJ (lansia) 2" in text and "PKH 1" in text
    assert "dtsen" not in text and "kjp_plus" not in text, "plain names, never keys"


def test_the_window_and_the_program_filter_apply(capsys: pytest.CaptureFixture[str]) -> None:
    _seed()
    older = _section(capsys, "--since", (TODAY - dt.timedelta(days=45)).isoformat())
    assert "8 cek dimulai" in older and "KLJ (lansia) 3" in older
    before = _section(capsys, "--since", "60d", "--until", (TODAY - dt.timedelta(days=2)).isoformat())
    assert "1 cek dimulai" in before and "1 selesai" in before
    klj = _section(capsys, "--program", "pkh")
    assert "7 cek dimulai" in klj, "a check covers every program"
    assert "PKH 1" in klj and "KLJ" not in klj and "semua program" in klj


def test_no_checks_yet_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert "Belum ada cek kelayakan pada periode ini" in _section(capsys)
