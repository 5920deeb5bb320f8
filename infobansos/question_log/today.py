"""Today's figures, as the staff see them in `/stats` (the bot) and on the staff console's first page.

One function for both, so a staff member reading the two never sees two different counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from infobansos.eligibility.tracking import EligibilityFigures, eligibility_figures
from infobansos.jakarta_time import day_start_utc, jakarta_date
from infobansos.question_log.turns import DayStats, day_stats
from infobansos.status.figures import StatusUse, status_use
from infobansos.status.guards import GuardFigures, guard_figures


@dataclass(frozen=True)
class TodaysStats:
    day: dt.date  # the Jakarta day
    turns: DayStats
    status: StatusUse  # today's status-check replies
    guards: GuardFigures  # now: the last hour's lookups against the budget, and locked NIKs
    eligibility: EligibilityFigures  # eligibility checks started today, and how far they got (issue 16)


def todays_stats(session: Session, now: dt.datetime, budget: int) -> TodaysStats:
    """The figures for the Jakarta day of `now`; `budget` is the status lookups allowed per hour."""
    today = jakarta_date(now)
    start, end = day_start_utc(today), day_start_utc(today) + dt.timedelta(days=1)
    return TodaysStats(
        today,
        day_stats(session, today),
        status_use(session, start, end),
        guard_figures(session, budget, now),
        eligibility_figures(session, start, end, now=now),
    )
