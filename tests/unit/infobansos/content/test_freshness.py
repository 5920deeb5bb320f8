"""Honest dates: `make check-content` fails on a future or year-old `checked`, and warns after 10 months."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from small_content import fact, small_content

from infobansos.content.checks import main
from infobansos.content.freshness import add_months, date_findings
from infobansos.jakarta_time import jakarta_today

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("checked", "outcome"),
    [
        (dt.date(2026, 12, 1), "problem"),  # tomorrow: a typing mistake
        (dt.date(2025, 11, 29), "problem"),  # a year and a day
        (dt.date(2025, 11, 30), "warning"),  # exactly 12 months: the last day it passes
        (dt.date(2026, 1, 29), "warning"),  # 10 months and a day
        (dt.date(2026, 1, 30), "ok"),  # exactly 10 months
        (TODAY, "ok"),
    ],
)
def test_checked_dates_fail_warn_or_pass_by_age(checked: dt.date, outcome: str) -> None:
    problems, warnings = date_findings([("answers/klj.yml", "klj_syarat.checked", checked)], TODAY)
    assert bool(problems) == (outcome == "problem") and bool(warnings) == (outcome == "warning")
    assert all(found.where == "klj_syarat.checked" for found in problems + warnings)


def test_the_messages_say_what_to_do() -> None:
    future, _ = date_findings([("a", "b", dt.date(2027, 1, 1))], TODAY)
    old, _ = date_findings([("a", "b", dt.date(2024, 6, 1))], TODAY)
    _, soon = date_findings([("a", "b", dt.date(2026, 1, 5))], TODAY)
    assert "ada di masa depan (hari ini 2026-11-30 di Jakarta)" in future[0].message
    assert "Cek ulang isinya ke sumbernya" in old[0].message
    assert "Cek ulang paling lambat 2027-01-05" in soon[0].message


def test_month_arithmetic_keeps_the_day_or_the_months_last_day() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 11, 15), 14) == dt.date(2027, 1, 15)


def test_today_is_the_jakarta_date() -> None:
    # 18:30 UTC on 30 November is already 1 December in Jakarta (UTC+7).
    assert jakarta_today(dt.datetime(2026, 11, 30, 18, 30, tzinfo=dt.UTC)) == dt.date(2026, 12, 1)


def _check_content(tmp_path: Path, checked: str, monkeypatch: pytest.MonkeyPatch) -> int:
    content, domain = small_content(tmp_path, fact(checked=checked))
    status = content / "status.yml"
    status.write_text(status.read_text(encoding="utf-8").replace("checked: 2026-11-28", f"checked: {checked}"))
    monkeypatch.setattr("sys.argv", ["check-content", "--content", str(content), "--domain", str(domain)])
    return main(today=TODAY)


def test_check_content_fails_on_a_stale_date_and_passes_with_a_warning_when_due_soon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check_content(tmp_path / "stale", "2025-10-01", monkeypatch) == 1
    errors = capsys.readouterr().err
    assert "dtks_apa_itu.checked: Tanggal 2025-10-01 sudah lebih dari 12 bulan lalu" in errors
    assert "status.yml: checked: Tanggal 2025-10-01" in errors

    assert _check_content(tmp_path / "due", "2026-01-10", monkeypatch) == 0
    out = capsys.readouterr().out
    assert "peringatan: " in out and "dtks_apa_itu.checked: Tanggal 2026-01-10 sudah lebih dari 10 bulan lalu" in out

    assert _check_content(tmp_path / "fresh", "2026-11-28", monkeypatch) == 0
    assert "peringatan" not in capsys.readouterr().out
