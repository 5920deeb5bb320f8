"""Jakarta time (WIB): residents and staff count days and read clock times in it; the database keeps UTC."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")


def jakarta_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(JAKARTA).date()


def day_start_utc(day: dt.date) -> dt.datetime:
    """Midnight WIB at the start of `day`, in UTC: SQLite compares stored datetimes as naive UTC text."""
    return dt.datetime.combine(day, dt.time(), tzinfo=JAKARTA).astimezone(dt.UTC)


def wib_clock(moment: dt.datetime) -> str:
    """'15.30', as Indonesians write the time."""
    return moment.astimezone(JAKARTA).strftime("%H.%M")


def jakarta_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Jakarta (for `now`, or the real clock): what "today" means to staff and residents."""
    return jakarta_date(now or dt.datetime.now(dt.UTC))
