"""Days and topics summed from the day × intent × program counts."""

from __future__ import annotations

import datetime as dt

from staff.report.figures import DayRow, per_day, per_topic, ranked, total
from staff.report.queries import CubeRow
from staff.report.window import ReportWindow

WINDOW = ReportWindow(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
CUBE = [
    CubeRow("2026-11-02", "tanya_syarat", "klj", 10, 1, 0, 2, 1, 0),
    CubeRow("2026-11-02", "tanya_syarat", "kjp_plus", 5, 0, 0, 0, 0, 1),
    CubeRow("2026-11-04", "out_of_scope", None, 3, 0, 3, 0, 0, 0),
    CubeRow("2026-11-04", "tanya_syarat", "klj", 2, 0, 0, 0, 2, 0),
]


def test_every_day_up_to_today_is_listed_and_gaps_are_zero() -> None:
    days = per_day(CUBE, WINDOW, today=dt.date(2026, 11, 5))
    assert [d.day for d in days] == ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"]
    assert days[1] == DayRow("2026-11-02", 15, 1, 0, 2, 1, 1)
    assert days[0] == DayRow("2026-11-01") and days[0].fallback_rate is None
    assert days[3].out_of_scope_rate == 0.6 and days[3].thumbs_down_rate == 1.0
    assert total(days) == DayRow("", 20, 1, 3, 2, 3, 1)


def test_a_day_after_today_is_kept_rather_than_lost() -> None:
    days = per_day([CubeRow("2026-11-09", None, None, 1, 0, 0, 0, 0, 0)], WINDOW, today=dt.date(2026, 11, 2))
    assert [d.day for d in days] == ["2026-11-01", "2026-11-02", "2026-11-09"]


def test_topics_sum_over_days_largest_first() -> None:
    topics = per_topic(CUBE)
    assert [(t.intent, t.program, t.questions, t.thumbs_down) for t in topics] == [
        ("tanya_syarat", "klj", 12, 3),
        ("tanya_syarat", "kjp_plus", 5, 0),
        ("out_of_scope", None, 3, 0),
    ]
    assert ranked((t.intent, t.questions) for t in topics) == [("tanya_syarat", 17), ("out_of_scope", 3)]
