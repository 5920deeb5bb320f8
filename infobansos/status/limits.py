"""Abuse limits for the status check, kept in the database so a restart does not reset them.

Per resident: at most `LOOKUPS_PER_HOUR` lookups an hour, and a lock of `LOCK_TIME` after
`WRONG_KK_LIMIT` misses (no data for that NIK with that KK: a wrong KK and a NIK not in the data
count alike, so the limit reveals nothing). Without them one chat could try a stolen NIK list
against KK guesses; `guards.py` adds the limits that hold across chats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from infobansos.status.models import ATTEMPT_LOOKBACK, StatusAttempt
from infobansos.storage.engine import utcnow

LOOKUPS_PER_HOUR = 5
WRONG_KK_LIMIT = 3
WINDOW = ATTEMPT_LOOKBACK
LOCK_TIME = ATTEMPT_LOOKBACK


class Outcome(StrEnum):
    FOUND = "ditemukan"
    NO_MATCH = "tidak_cocok"  # no data for this NIK with this KK: not in the data, or a wrong KK
    # Written before issue 13 split the two; still read for the attempts of the last hour.
    NOT_FOUND = "tidak_ditemukan"
    WRONG_KK = "kk_salah"


MISSES = frozenset({Outcome.NO_MATCH, Outcome.WRONG_KK})


class Block(StrEnum):
    LOCKED = "locked"
    TOO_MANY = "too_many"


@dataclass(frozen=True)
class LimitState:
    block: Block | None
    until: dt.datetime | None
    wrong_kk_left: int


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; everything is stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def limit_state(session: Session, sender: str, now: dt.datetime | None = None) -> LimitState:
    """Whether this resident may look up now and, if not, until when."""
    now = now or utcnow()
    since = now - max(WINDOW, LOCK_TIME)
    query = select(StatusAttempt.outcome, StatusAttempt.created_at).where(
        StatusAttempt.sender == sender, StatusAttempt.created_at >= since
    )
    attempts = sorted((_aware(created), outcome) for outcome, created in session.execute(query))
    wrong = [created for created, outcome in attempts if outcome in MISSES and created > now - LOCK_TIME]
    recent = [created for created, _ in attempts if created > now - WINDOW]
    if len(wrong) >= WRONG_KK_LIMIT:
        return LimitState(Block.LOCKED, wrong[-1] + LOCK_TIME, 0)
    if len(recent) >= LOOKUPS_PER_HOUR:
        return LimitState(Block.TOO_MANY, recent[-LOOKUPS_PER_HOUR] + WINDOW, WRONG_KK_LIMIT - len(wrong))
    return LimitState(None, None, WRONG_KK_LIMIT - len(wrong))


def record_attempt(session: Session, sender: str, outcome: Outcome) -> None:
    session.add(StatusAttempt(sender=sender, outcome=outcome.value))
