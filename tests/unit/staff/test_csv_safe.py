"""A resident's words in a report CSV never run as a spreadsheet formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from sqlalchemy import insert

from infobansos.question_log.signals import ConfusionSignal, Reason
from infobansos.question_log.turns import TurnLog
from infobansos.storage.engine import session_factory
from staff import csv_safe
from staff.report.__main__ import main

ATTACK = '=HYPERLINK("http://contoh.test/bansos","Klik untuk cek bansos")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_starting_like_a_formula_are_quoted(start: str) -> None:
    handle = io.StringIO()
    csv_safe.writer(handle).writerow([start + "1+1", "biasa", 42, -3])
    assert next(csv.reader(io.StringIO(handle.getvalue()))) == ["'" + start + "1+1", "biasa", "42", "-3"]


def test_a_hyperlink_typed_by_residents_reaches_the_report_csv_as_text(
    sample_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    now = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    turns = [
        {
            "turn_id": f"attack{i}",
            "created_at": now,
            "sender": f"warga{i}",
            "chat_type": "private",
            "text": ATTACK if i % 2 else ATTACK.replace("bansos", "kjp"),
            "intent": "nlu_fallback",
            "confidence": 0.2,
            "ranking": [{"intent": "nlu_fallback", "confidence": 0.2}],
            "is_fallback": True,
            "outcome": "dijawab",
        }
        for i in range(400)
    ]
    signals = [
        {"turn_id": t["turn_id"], "created_at": now, "sender": t["sender"], "reason": Reason.LOW_CONFIDENCE.value}
        for t in turns
    ]
    with session_factory(sample_db).kw["bind"].begin() as connection:
        connection.execute(insert(TurnLog), turns)
        connection.execute(insert(ConfusionSignal), signals)
    assert main(["--since", "2d"]) == 0
    folder = Path(capsys.readouterr().out.strip().splitlines()[-1]).parent
    with (folder / "confusion_clusters.csv").open(encoding="utf-8-sig", newline="") as handle:
        examples = [row[7] for row in list(csv.reader(handle))[1:]]
    hit = [cell for cell in examples if "HYPERLINK" in cell]
    assert hit, "the residents' text reaches the clusters CSV"
    assert all(cell.startswith("'=HYPERLINK") for cell in hit)
    assert not any(cell.startswith(csv_safe.FORMULA_STARTS) for cell in examples)
