"""`make bench-console` on a small database: it logs in, times the report page and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.bench.console_report import main


def test_the_benchmark_times_the_report_page_from_the_log_from_memory_and_after_new_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "")  # the benchmark sets it; restored after the test
    database = tmp_path / "small.sqlite3"
    assert main(["--turns", "400", "--database", str(database), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "filled 400 turns" in out and "console /laporan (30 days) on 400 turns" in out
    assert "first view (counted while waiting)" in out and "OK" in out and "next views (from memory)" in out
    assert database.exists(), "--database keeps the filled file for another run"
