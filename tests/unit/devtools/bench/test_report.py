"""`make bench-report`'s data: realistic turns, about 15% with confusion signals, inserted in batches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from devtools.bench import report as bench
from devtools.bench.report_turns import generate_turns
from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.turns import TurnLog
from infobansos.storage.engine import session_factory

END = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)


def test_sample_turns_are_spread_over_the_days_with_about_fifteen_percent_confused() -> None:
    turns = list(generate_turns(4_000, END, days=3))
    with_signals = sum(1 for _, signals in turns if signals)
    assert 0.12 < with_signals / len(turns) < 0.25
    assert all(END - dt.timedelta(days=3) <= row["created_at"] <= END for row, _ in turns)
    assert len({row["turn_id"] for row, _ in turns}) == 4_000
    assert any(row["text"].startswith("/") for row, _ in turns)  # button presses too


def test_fill_inserts_every_turn_and_signal_across_batches(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(bench, "BATCH", 700)  # several batches and a remainder
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    signals = bench.fill(url, 2_000, END, days=2)
    with session_factory(url)() as session:
        assert session.scalar(select(func.count()).select_from(TurnLog)) == 2_000
        assert session.scalar(select(func.count()).select_from(ConfusionSignal)) == signals > 200
