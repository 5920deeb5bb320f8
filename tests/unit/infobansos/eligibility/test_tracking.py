"""Eligibility-check counts: what staff read in /stats and the report, whatever order the actions ran in."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, select

from infobansos.eligibility.tracking import (
    ABANDON_AFTER,
    BEFORE_FIRST_QUESTION,
    EligibilityCheck,
    asked,
    cancel_check,
    eligibility_figures,
    finish_check,
    start_check,
)
from infobansos.storage.engine import make_engine, session_factory, utcnow

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
DAY = (NOW - dt.timedelta(hours=12), NOW + dt.timedelta(hours=12))


def _figures(database_url: str, program: str | None = None, now: dt.datetime = NOW):
    with session_factory(database_url)() as session:
        return eligibility_figures(session, *DAY, program=program, now=now)


def _row(database_url: str, check_id: str) -> EligibilityCheck:
    with session_factory(database_url)() as session:
        return session.scalars(select(EligibilityCheck).where(EligibilityCheck.check_id == check_id)).one()


def test_started_completed_abandoned_and_where_people_stop(database_url: str) -> None:
    factory = session_factory(database_url)
    early, recent = NOW - ABANDON_AFTER - dt.timedelta(minutes=5), NOW - dt.timedelta(minutes=5)
    with factory.begin() as session:
        for check_id, programs in (("done1", ["klj", "pkh"]), ("done2", ["klj"]), ("done3", [])):
            start_check(session, check_id, early)
            asked(session, check_id, "bantuan_lain")
            finish_check(session, check_id, programs, early + dt.timedelta(minutes=3))
        start_check(session, "gave_up", early)
        asked(session, "gave_up", "domisili")
        asked(session, "gave_up", "dtsen")  # went quiet at the DTSEN question an hour ago
        start_check(session, "said_batal", recent)
        asked(session, "said_batal", "anggota")
        cancel_check(session, "said_batal", recent)
        start_check(session, "never_asked", early)
        start_check(session, "still_going", recent)  # within the hour: neither done nor abandoned
        asked(session, "still_going", "desil")
        start_check(session, "yesterday", NOW - dt.timedelta(days=2))
    figures = _figures(database_url)
    assert (figures.started, figures.completed, figures.abandoned, figures.running) == (7, 3, 3, 1)
    assert figures.cancelled == 1
    assert figures.stop_points == {"anggota": 1, "dtsen": 1, BEFORE_FIRST_QUESTION: 1}
    assert figures.likely == {"klj": 2, "pkh": 1}
    assert list(figures.likely) == ["klj", "pkh"], "most first"
    assert _figures(database_url, program="pkh").likely == {"pkh": 1}, "the program filter narrows the programs"
    assert _figures(database_url, program="pkh").started == 7, "but a check covers every program"
    later = _figures(database_url, now=NOW + ABANDON_AFTER)
    assert (later.abandoned, later.running, later.stop_points["desil"]) == (4, 0, 1)


def test_replayed_and_out_of_order_calls_do_not_crash_or_double_count(database_url: str) -> None:
    factory = session_factory(database_url)
    with factory.begin() as session:
        asked(session, "a", "domisili")  # the start was lost (the action server restarted)
        start_check(session, "a", NOW)
        start_check(session, "a", NOW + dt.timedelta(minutes=1))  # a replayed action
        finish_check(session, "b", ["klj"], NOW)  # never seen before: still counted
        finish_check(session, "b", ["klj", "klj", "kpdj"], NOW)  # a corrected answer: the new result counts
        cancel_check(session, "b", NOW)  # /batal after the result cancels nothing
        asked(session, "b", "dtsen")
        cancel_check(session, "c", NOW)
        cancel_check(session, "c", NOW)
        finish_check(session, "c", ["pkh"], NOW)  # the result came after all: finished wins
        start_check(session, "", NOW)  # no id: nothing to count under, and no error
    assert _row(database_url, "a").last_question == "domisili"
    assert _row(database_url, "a").started_at.replace(tzinfo=dt.UTC) >= NOW - dt.timedelta(minutes=1)
    b = _row(database_url, "b")
    assert (b.outcome, b.likely_programs, b.last_question) == ("selesai", ["klj", "kpdj"], None)
    assert _row(database_url, "c").outcome == "selesai"
    with factory() as session:  # "a" started when its first question was stored: the real clock
        figures = eligibility_figures(session, DAY[0], utcnow() + dt.timedelta(days=1), now=NOW)
    assert (figures.started, figures.completed, figures.abandoned) == (3, 2, 0)
    assert figures.likely == {"klj": 1, "kpdj": 1, "pkh": 1}


def test_the_table_holds_no_sender_answers_or_text(database_url: str) -> None:
    session_factory(database_url)  # migrates
    engine = make_engine(database_url)
    columns = {column["name"] for column in inspect(engine).get_columns("eligibility_check")}
    engine.dispose()
    assert columns == {"check_id", "started_at", "last_question", "finished_at", "outcome", "likely_programs"}


def test_an_empty_log_gives_zeros(database_url: str) -> None:
    figures = _figures(database_url)
    assert (figures.started, figures.completed, figures.abandoned, figures.stop_points, figures.likely) == (
        0,
        0,
        0,
        {},
        {},
    )
