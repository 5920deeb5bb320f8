from __future__ import annotations

import datetime as dt

from infobansos.status.limits import (
    LOCK_TIME,
    LOOKUPS_PER_HOUR,
    WRONG_KK_LIMIT,
    Block,
    Outcome,
    limit_state,
    record_attempt,
)
from infobansos.status.models import StatusAttempt
from infobansos.storage.engine import session_factory

NOW = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)


def _attempts(database_url: str, sender: str, *outcomes_minutes_ago: tuple[Outcome, int]) -> None:
    with session_factory(database_url).begin() as session:
        for outcome, minutes in outcomes_minutes_ago:
            session.add(StatusAttempt(sender=sender, outcome=outcome, created_at=NOW - dt.timedelta(minutes=minutes)))


def test_a_new_resident_may_look_up(database_url: str) -> None:
    with session_factory(database_url)() as session:
        state = limit_state(session, "u_new", NOW)
    assert state.block is None and state.wrong_kk_left == WRONG_KK_LIMIT


def test_three_wrong_kk_lock_for_an_hour_after_the_last(database_url: str) -> None:
    _attempts(database_url, "u_a", (Outcome.WRONG_KK, 30), (Outcome.WRONG_KK, 20), (Outcome.WRONG_KK, 10))
    with session_factory(database_url)() as session:
        state = limit_state(session, "u_a", NOW)
        assert state.block == Block.LOCKED
        assert state.until == NOW - dt.timedelta(minutes=10) + LOCK_TIME
        assert limit_state(session, "u_a", NOW + dt.timedelta(minutes=51)).block is None
        assert limit_state(session, "u_other", NOW).block is None


def test_the_sixth_lookup_in_an_hour_is_refused_until_the_oldest_expires(database_url: str) -> None:
    _attempts(database_url, "u_b", *[(Outcome.NOT_FOUND, m) for m in (50, 40, 30, 20, 10)])
    assert LOOKUPS_PER_HOUR == 5
    with session_factory(database_url)() as session:
        state = limit_state(session, "u_b", NOW)
        assert state.block == Block.TOO_MANY
        assert state.until == NOW + dt.timedelta(minutes=10)


def test_attempts_are_kept_in_the_database(database_url: str) -> None:
    with session_factory(database_url).begin() as session:
        record_attempt(session, "u_c", Outcome.FOUND)
    session_factory.cache_clear()  # as after a restart
    with session_factory(database_url)() as session:
        assert [a.outcome for a in session.query(StatusAttempt).filter_by(sender="u_c")] == ["ditemukan"]


def test_a_nik_not_in_the_data_counts_like_a_wrong_kk(database_url: str) -> None:
    _attempts(database_url, "u_d", (Outcome.NO_MATCH, 30), (Outcome.NO_MATCH, 20), (Outcome.NO_MATCH, 10))
    with session_factory(database_url)() as session:
        assert limit_state(session, "u_d", NOW).block == Block.LOCKED
