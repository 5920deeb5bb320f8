"""`make bench-report`'s data: the demo residents' traffic, exactly as many turns as asked, inserted in batches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from devtools.bench import report as bench
from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.turns import TurnLog
from infobansos.storage.engine import session_factory

END = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)


def test_exactly_the_turns_asked_for_spread_over_the_days_with_their_own_signals() -> None:
    chunks = list(bench.generated(4_000, END, days=3))
    turns = [row for rows, _ in chunks for row in rows]
    signals = [signal for _, chunk_signals in chunks for signal in chunk_signals]
    assert len(turns) == len({row["turn_id"] for row in turns}) == 4_000
    assert {row["created_at"].date() for row in turns} >= {(END - dt.timedelta(days=d)).date() for d in (1, 2, 3)}
    assert all(END - dt.timedelta(days=3) <= row["created_at"] <= END for row in turns)
    assert {signal["turn_id"] for signal in signals} <= {row["turn_id"] for row in turns}
    assert 0.1 < len({signal["turn_id"] for signal in signals}) / len(turns) < 0.6
    assert any(row["text"].startswith("/") for row in turns)  # button presses too


def test_chunks_make_different_residents(monkeypatch) -> None:
    monkeypatch.setattr(bench, "RESIDENTS_PER_CHUNK", 100)  # several chunks
    chunks = list(bench.generated(1_500, END, days=3))
    assert len(chunks) > 2
    senders = [{row["sender"] for row in rows if row["chat_type"] == "private"} for rows, _ in chunks]
    assert not senders[0] & senders[1]


def test_fill_inserts_every_turn_and_signal_across_batches(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(bench, "BATCH", 700)  # several batches and a remainder
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    signals = bench.fill(url, 2_000, END, days=2)
    with session_factory(url)() as session:
        assert session.scalar(select(func.count()).select_from(TurnLog)) == 2_000
        assert session.scalar(select(func.count()).select_from(ConfusionSignal)) == signals > 200
