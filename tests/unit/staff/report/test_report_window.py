"""--since / --until / --program: Jakarta days, fixed edges, readable errors."""

from __future__ import annotations

import datetime as dt

import pytest

from infobansos.jakarta_time import JAKARTA
from staff.report.window import WindowError, parse_window

# 23.00 UTC on the 28th is already 06.00 on the 29th in Jakarta.
NOW = dt.datetime(2026, 11, 28, 23, 0, tzinfo=dt.UTC)


def test_relative_since_counts_today_in_jakarta() -> None:
    window = parse_window("7d", now=NOW)
    assert (window.first_day, window.last_day) == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert window.start_utc == dt.datetime(2026, 11, 22, 17, 0, tzinfo=dt.UTC)
    assert window.end_utc == dt.datetime(2026, 11, 29, 17, 0, tzinfo=dt.UTC)
    assert window.start_utc.astimezone(JAKARTA).hour == 0


def test_dates_and_program() -> None:
    window = parse_window("2026-11-01", "2026-11-30", " KLJ ", now=NOW)
    assert (window.first_day, window.last_day, window.program) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30), "klj")
    assert len(window.days()) == 30
    assert len(window.days(today=dt.date(2026, 11, 10))) == 10
    assert parse_window("3d", "2026-11-30", now=NOW).first_day == dt.date(2026, 11, 28)


def test_the_same_options_on_the_same_day_give_the_same_window() -> None:
    later = NOW + dt.timedelta(hours=5)
    assert parse_window("30d", now=NOW) == parse_window("30d", now=later)


@pytest.mark.parametrize(
    ("since", "until"), [("7x", None), ("0d", None), ("2026-13-01", None), ("2026-11-30", "2026-11-01")]
)
def test_bad_options_are_refused_with_a_message(since: str, until: str | None) -> None:
    with pytest.raises(WindowError, match=r"--since|--until"):
        parse_window(since, until, now=NOW)
