"""The report's SQL aggregates, on SQLite and PostgreSQL, against a small dataset with known answers."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from infobansos.jakarta_time import JAKARTA
from infobansos.question_log.signals import ConfusionSignal, Reason
from infobansos.question_log.turns import FEEDBACK_DOWN, FEEDBACK_UP, Outcome, TurnLog
from infobansos.storage.engine import session_factory
from staff.report import queries
from staff.report.build import build_report
from staff.report.window import ReportWindow

DAY_A, DAY_B = dt.date(2026, 11, 10), dt.date(2026, 11, 11)
WINDOW = ReportWindow(DAY_A, DAY_B)
FALLBACK_RANKING = [{"intent": "nlu_fallback", "confidence": 0.3}, {"intent": "tanya_besaran", "confidence": 0.2}]


def wib(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=JAKARTA).astimezone(dt.UTC)


# turn id, Jakarta time, fields, signals (reason, detail)
TURNS = [
    ("t0", wib(DAY_A, 0) - dt.timedelta(minutes=1), {"text": "kemarin", "intent": "greet"}, []),
    # 00.30 WIB on the 10th is still the 9th in UTC: it must count for the 10th.
    (
        "t1",
        wib(DAY_A, 0, 30),
        {"text": "syarat klj", "intent": "tanya_syarat", "program": "klj", "feedback": FEEDBACK_UP},
        [],
    ),
    (
        "t2",
        wib(DAY_A, 23, 30),
        {"text": "bansos beras kapan", "intent": "nlu_fallback", "confidence": 0.3, "is_fallback": True},
        [(Reason.LOW_CONFIDENCE, "nlu_fallback 0.30")],
    ),
    (
        "t3",
        wib(DAY_B, 0, 10),
        {"text": "resep rendang", "intent": "out_of_scope", "confidence": 0.9, "is_out_of_scope": True},
        [(Reason.OUT_OF_SCOPE, None)],
    ),
    (
        "t4",
        wib(DAY_B, 10),
        {
            "text": "syarat klj apa",
            "intent": "tanya_syarat",
            "program": "klj",
            "answer_id": "klj_syarat",
            "feedback": -1,
        },
        [(Reason.THUMBS_DOWN, None)],
    ),
    # A button press with a 👎 is not a typed question: never clustered.
    (
        "t5",
        wib(DAY_B, 11),
        {
            "text": '/tanya_syarat{"program": "klj"}',
            "intent": "tanya_syarat",
            "program": "klj",
            "feedback": FEEDBACK_DOWN,
        },
        [(Reason.THUMBS_DOWN, None)],
    ),
    (
        "t6",
        wib(DAY_B, 12),
        {"text": "kapan cair kjp", "intent": "tanya_jadwal_cair", "program": "kjp_plus"},
        [(Reason.REPHRASE, None)],
    ),
    ("t7", wib(DAY_B, 13), {"text": "halo", "outcome": Outcome.BUSY, "confidence": None}, []),
    # The same text as t4, answered and not rated: not a confusion.
    ("t8", wib(DAY_B, 14), {"text": "syarat klj apa", "intent": "tanya_syarat", "program": "klj"}, []),
    (
        "t9",
        wib(DAY_B, 15),
        {"text": "nomorrefabc", "intent": "kirim_nomor"},
        [(Reason.STATUS_FAILED, "tidak_ditemukan")],
    ),
]


@pytest.fixture
def filled(database_url: str) -> str:
    rows, signals = [], []
    for i, (turn_id, at, fields, reasons) in enumerate(TURNS):
        row = {
            "turn_id": turn_id,
            "created_at": at,
            "sender": f"u_{i % 4}",
            "confidence": 0.9,
            "ranking": FALLBACK_RANKING if fields.get("is_fallback") else [{"intent": fields.get("intent")}],
            "outcome": Outcome.ANSWERED,
            "latency_ms": 100,
            "is_fallback": False,
            "is_out_of_scope": False,
            "program": None,
            "answer_id": None,
            "feedback": None,
            "intent": None,
            **fields,
        }
        rows.append(row)
        signals += [
            {"turn_id": turn_id, "created_at": at, "sender": row["sender"], "reason": r.value, "detail": d}
            for r, d in reasons
        ]
    with session_factory(database_url).begin() as session:
        session.execute(insert(TurnLog), rows)
        session.execute(insert(ConfusionSignal), signals)
    return database_url


def test_days_are_jakarta_days_and_count_every_kind_of_turn(filled: str) -> None:
    with session_factory(filled)() as session:
        data = build_report(session, WINDOW, now=wib(DAY_B, 20))
    assert [d.day for d in data.days] == ["2026-11-10", "2026-11-11"]
    day_a, day_b = data.days
    assert (day_a.questions, day_a.fallbacks, day_a.thumbs_up, day_a.thumbs_down) == (2, 1, 1, 0)
    assert (day_b.questions, day_b.out_of_scope, day_b.thumbs_down, day_b.busy) == (7, 1, 2, 1)
    assert day_a.fallback_rate == 0.5 and day_b.thumbs_down_rate == 1.0
    assert data.totals.questions == 9 and data.totals.senders == 4
    assert data.totals.average_latency_ms == pytest.approx(100)


def test_topics_are_intent_by_program_largest_first(filled: str) -> None:
    with session_factory(filled)() as session:
        topics = build_report(session, WINDOW, now=wib(DAY_B, 20)).topics
    assert (topics[0].intent, topics[0].program, topics[0].questions, topics[0].thumbs_down) == (
        "tanya_syarat",
        "klj",
        4,
        2,
    )
    assert sum(t.questions for t in topics) == 9
    assert {(t.intent, t.program) for t in topics} >= {("tanya_jadwal_cair", "kjp_plus"), (None, None)}


def test_program_filter_keeps_only_that_programs_turns(filled: str) -> None:
    window = ReportWindow(DAY_A, DAY_B, program="klj")
    with session_factory(filled)() as session:
        data = build_report(session, window, now=wib(DAY_B, 20))
        rows = queries.confusion_questions(session, window)
    assert data.totals.questions == 4
    assert data.reasons == [(Reason.THUMBS_DOWN.value, 2)]
    assert [row.text for row in rows] == ["syarat klj apa"]


def test_confusion_questions_are_typed_questions_with_a_signal(filled: str) -> None:
    with session_factory(filled)() as session:
        rows = {row.text: row for row in queries.confusion_questions(session, WINDOW)}
    assert set(rows) == {"bansos beras kapan", "resep rendang", "syarat klj apa", "kapan cair kjp"}
    assert rows["syarat klj apa"].count == 1 and rows["syarat klj apa"].thumbs_down
    assert rows["syarat klj apa"].answer_id == "klj_syarat"
    assert rows["bansos beras kapan"].is_fallback
    assert rows["bansos beras kapan"].ranking == ("nlu_fallback", "tanya_besaran")
    assert rows["bansos beras kapan"].candidate_intent == "tanya_besaran"
    assert rows["resep rendang"].is_out_of_scope


def test_signals_and_status_failures_are_counted(filled: str) -> None:
    with session_factory(filled)() as session:
        reasons = dict(queries.signals_per_reason(session, WINDOW))
        failures = queries.status_failures(session, WINDOW)
    assert reasons == {
        "jempol_bawah": 2,
        "kurang_yakin": 1,
        "di_luar_topik": 1,
        "tanya_ulang": 1,
        "cek_status_gagal": 1,
    }
    assert failures == [("tidak_ditemukan", 1)]


def test_the_table_scan_gives_the_same_figures_as_the_index(filled: str) -> None:
    with session_factory(filled)() as session:
        scanned = (
            queries.volume_cube(session, WINDOW, scan=True),
            queries.totals(session, WINDOW, scan=True),
            sorted(queries.confusion_questions(session, WINDOW, scan=True), key=lambda r: r.text),
        )
        indexed = (
            queries.volume_cube(session, WINDOW),
            queries.totals(session, WINDOW),
            sorted(queries.confusion_questions(session, WINDOW), key=lambda r: r.text),
        )
        far_away = ReportWindow(dt.date(2020, 1, 1), dt.date(2020, 1, 1))
        plans = queries.prefer_scan(session, WINDOW), queries.prefer_scan(session, far_away)
    assert scanned == indexed
    sqlite = filled.startswith("sqlite")
    assert plans == ((True, False) if sqlite else (False, False))


def test_an_empty_database_gives_an_empty_report(database_url: str) -> None:
    with session_factory(database_url)() as session:
        data = build_report(session, WINDOW, now=wib(DAY_B, 20))
    assert data.empty and data.totals.questions == 0 and data.totals.average_latency_ms is None
    assert [d.questions for d in data.days] == [0, 0]
    assert data.topics == [] and data.reasons == [] and data.clustering.clusters == []
