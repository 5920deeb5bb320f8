"""Limits on the status check that do not depend on who asks: per NIK, and for the whole service.

The per-resident limits (`limits.py`) stop one chat from guessing, but a leaked NIK list can be
spread over many chats. So misses (no data for this NIK with this KK) are also counted per keyed
NIK hash, from every sender, whether or not the NIK is in the status data: a lock then says
nothing about membership. A global hourly budget caps how fast the data can be walked at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from infobansos.status.models import NIK_LOCK_TIME, NIK_MISS_WINDOW, NikLock, NikMiss, StatusAttempt
from infobansos.storage.engine import utcnow

NIK_MISS_LIMIT = 5  # misses per NIK hash within NIK_MISS_WINDOW, from anyone, before the NIK locks


@dataclass(frozen=True)
class GuardFigures:
    """What `/stats` and the report show about the guards, right now."""

    lookups_last_hour: int
    budget: int
    nik_locks_active: int

    @property
    def budget_share(self) -> float:
        return self.lookups_last_hour / self.budget if self.budget else 0.0


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; everything is stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def nik_locked_until(session: Session, nik_hash: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """When this NIK's lock ends, or None when it may be looked up."""
    now = now or utcnow()
    until = session.scalar(select(func.max(NikLock.until)).where(NikLock.nik_hash == nik_hash, NikLock.until > now))
    return _aware(until) if until else None


def record_miss(session: Session, nik_hash: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """Count one miss for this NIK; returns the lock's end when this miss locks it.

    Always the same statements (prune, insert, count), so a NIK in the data and one not in it
    cost the database the same work. Old rows are pruned here: the hashes are kept no longer
    than the window needs them.
    """
    now = now or utcnow()
    session.execute(delete(NikMiss).where(NikMiss.created_at < now - NIK_MISS_WINDOW))
    session.execute(delete(NikLock).where(NikLock.until < now))
    session.add(NikMiss(nik_hash=nik_hash, created_at=now))
    session.flush()
    misses = session.scalar(
        select(func.count()).where(NikMiss.nik_hash == nik_hash, NikMiss.created_at > now - NIK_MISS_WINDOW)
    )
    if (misses or 0) < NIK_MISS_LIMIT:
        return None
    until = now + NIK_LOCK_TIME
    session.add(NikLock(nik_hash=nik_hash, created_at=now, until=until))
    # The misses that led to the lock are spent: after the lock the NIK starts afresh.
    session.execute(delete(NikMiss).where(NikMiss.nik_hash == nik_hash))
    return until


def lookups_last_hour(session: Session, now: dt.datetime | None = None) -> int:
    """Completed lookups by anyone in the last hour (the attempts table keeps at least that long)."""
    now = now or utcnow()
    return session.scalar(select(func.count()).where(StatusAttempt.created_at > now - dt.timedelta(hours=1))) or 0


def budget_spent(session: Session, budget: int, now: dt.datetime | None = None) -> bool:
    return lookups_last_hour(session, now) >= budget


def guard_figures(session: Session, budget: int, now: dt.datetime | None = None) -> GuardFigures:
    now = now or utcnow()
    locks = session.scalar(select(func.count(func.distinct(NikLock.nik_hash))).where(NikLock.until > now)) or 0
    return GuardFigures(lookups_last_hour(session, now), budget, locks)
