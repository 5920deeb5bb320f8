"""Which days a report covers: `--since 7d|30d|YYYY-MM-DD`, `--until YYYY-MM-DD`, `--program`.

Days are Jakarta calendar days (WIB), as the staff count them. A window always starts and ends at
midnight WIB, so running the report twice on one day with the same options reads the same rows,
and the cluster ids of `make report` and `make export-confusions` agree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from dataclasses import dataclass

from infobansos.jakarta_time import day_start_utc, jakarta_date

DEFAULT_SINCE = "30d"
_RELATIVE = re.compile(r"^(\d{1,4})d$")


class WindowError(ValueError):
    """An option that does not name a day; the message says what is expected."""


@dataclass(frozen=True)
class ReportWindow:
    """A half-open range of Jakarta days [first_day, last_day] and an optional program filter."""

    first_day: dt.date
    last_day: dt.date  # inclusive
    program: str | None = None

    @property
    def start_utc(self) -> dt.datetime:
        """Midnight WIB of the first day, in UTC: SQLite compares stored naive UTC text."""
        return day_start_utc(self.first_day)

    @property
    def end_utc(self) -> dt.datetime:
        """Midnight WIB after the last day, in UTC (exclusive)."""
        return day_start_utc(self.last_day + dt.timedelta(days=1))

    def days(self, today: dt.date | None = None) -> list[dt.date]:
        """Every day of the window up to `today`: days without a question still show as zero."""
        last = min(self.last_day, today) if today else self.last_day
        count = (last - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=i) for i in range(max(count, 0))]


def jakarta_today(now: dt.datetime | None = None) -> dt.date:
    return jakarta_date(now or dt.datetime.now(dt.UTC))


def _parse_day(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise WindowError(f"{option} expects 7d, 30d or a date like 2026-11-01, got {value!r}") from exc


def parse_window(
    since: str = DEFAULT_SINCE, until: str | None = None, program: str | None = None, now: dt.datetime | None = None
) -> ReportWindow:
    """The window for these command-line options; "7d" means the last 7 days including today."""
    today = jakarta_today(now)
    last_day = _parse_day(until, "--until") if until else today
    match = _RELATIVE.match(since.strip())
    if match:
        days = int(match.group(1))
        if days < 1:
            raise WindowError("--since must cover at least one day (1d)")
        first_day = last_day - dt.timedelta(days=days - 1)
    else:
        first_day = _parse_day(since.strip(), "--since")
    if first_day > last_day:
        raise WindowError(f"--since ({first_day}) is after --until ({last_day})")
    return ReportWindow(first_day, last_day, (program or "").strip().lower() or None)


def add_window_options(parser: argparse.ArgumentParser, since_default: str | None = DEFAULT_SINCE) -> None:
    """--since/--until/--program, shared with `make export-confusions` so both read the same window."""
    parser.add_argument("--since", default=since_default, help="7d, 30d (default) or a first day 2026-11-01")
    parser.add_argument("--until", help="last day included, 2026-11-30 (default: today, WIB)")
    parser.add_argument("--program", help="only this program, e.g. klj, kjp_plus")
