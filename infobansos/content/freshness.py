"""Honest dates: an answer's `checked` is when its facts were last verified against their sources.

Facts about aid change every budget year, so an answer not re-checked for a year must not reach
residents as if it were current, and a date in the future is a typing mistake. `make check-content`
fails on both, and warns two months ahead so staff can re-check in time.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from infobansos.content.files import Answer
from infobansos.content.findings import Problem, finding
from infobansos.content.status import STATUS_FILE, StatusContent

MAX_AGE_MONTHS = 12  # older than this fails check-content
WARN_AGE_MONTHS = 10  # older than this is a warning: re-check soon


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def dated(answers: Iterable[Answer], status: StatusContent | None = None) -> list[tuple[str, str, dt.date]]:
    """Every `checked` date in content/, with where it is written: (file, field, date)."""
    found = [(str(a.path), f"{a.id}.checked", a.checked) for a in answers if a.checked is not None]
    if status is not None and status.checked is not None:
        found.append((STATUS_FILE, "checked", status.checked))
    return found


def date_findings(dates: Iterable[tuple[str, str, dt.date]], today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) about these `checked` dates, as of `today` (a Jakarta date)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path, where, checked in dates:
        date = checked.isoformat()
        if checked > today:
            problems.append(finding("date_future", path, where, date=date, today=today.isoformat()))
        elif add_months(checked, MAX_AGE_MONTHS) < today:
            problems.append(finding("date_too_old", path, where, date=date, months=MAX_AGE_MONTHS))
        elif add_months(checked, WARN_AGE_MONTHS) < today:
            due = add_months(checked, MAX_AGE_MONTHS).isoformat()
            warnings.append(finding("date_due", path, where, date=date, months=WARN_AGE_MONTHS, due=due))
    return problems, warnings
