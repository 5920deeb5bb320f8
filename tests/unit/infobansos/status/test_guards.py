from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from infobansos.status.guards import (
    NIK_MISS_LIMIT,
    budget_spent,
    guard_figures,
    nik_locked_until,
    record_miss,
)
from infobansos.status.limits import Outcome
from infobansos.status.models import NIK_LOCK_TIME, NikMiss, StatusAttempt
from infobansos.storage.engine import session_factory

NOW = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)
NIK_HASH = "a" * 64


def test_the_fifth_miss_within_an_hour_locks_the_nik_for_an_hour(database_url: str) -> None:
    assert NIK_MISS_LIMIT == 5
    with session_factory(database_url).begin() as session:
        locks = [record_miss(session, NIK_HASH, NOW + dt.timedelta(minutes=m)) for m in range(5)]
        assert locks[:4] == [None] * 4
        assert locks[4] == NOW + dt.timedelta(minutes=4) + NIK_LOCK_TIME
        assert nik_locked_until(session, NIK_HASH, NOW + dt.timedelta(minutes=30)) == locks[4]
        assert nik_locked_until(session, "b" * 64, NOW + dt.timedelta(minutes=30)) is None
        assert nik_locked_until(session, NIK_HASH, locks[4] + dt.timedelta(seconds=1)) is None
        assert guard_figures(session, 2000, NOW + dt.timedelta(minutes=30)).nik_locks_active == 1


def test_misses_older_than_an_hour_neither_count_nor_stay(database_url: str) -> None:
    with session_factory(database_url).begin() as session:
        for minutes in (0, 10, 20, 30):
            record_miss(session, NIK_HASH, NOW + dt.timedelta(minutes=minutes))
        # 90 minutes on, the first four are over an hour old: this is the first miss of a new hour.
        assert record_miss(session, NIK_HASH, NOW + dt.timedelta(minutes=95)) is None
        assert session.scalar(select(func.count()).select_from(NikMiss)) == 1, "old NIK hashes are pruned"


def test_the_budget_counts_everyones_lookups_of_the_last_hour(database_url: str) -> None:
    with session_factory(database_url).begin() as session:
        for sender, minutes in (("u_a", 70), ("u_b", 50), ("u_c", 10)):
            session.add(
                StatusAttempt(sender=sender, outcome=Outcome.FOUND, created_at=NOW - dt.timedelta(minutes=minutes))
            )
        session.flush()
        assert budget_spent(session, 2, NOW) and not budget_spent(session, 3, NOW)
        figures = guard_figures(session, 4, NOW)
        assert (figures.lookups_last_hour, figures.budget, figures.budget_share) == (2, 4, 0.5)
