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
from infobansos.content.status import STATUS_FILE, StatusContent

MAX_AGE_MONTHS = 12  # older than this fails check-content
WARN_AGE_MONTHS = 10  # older than this is a warning: re-check soon


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def dated(answers: Iterable[Answer], status: StatusContent | None = None) -> list[tuple[str, dt.date]]:
    """Every `checked` date in content/, with where it is written."""
    found = [(f"{a.path}: {a.id}.checked", a.checked) for a in answers if a.checked is not None]
    if status is not None and status.checked is not None:
        found.append((f"content/{STATUS_FILE}: checked", status.checked))
    return found


def date_findings(dates: Iterable[tuple[str, dt.date]], today: dt.date) -> tuple[list[str], list[str]]:
    """(problems, warnings) about these `checked` dates, as of `today` (a Jakarta date)."""
    problems: list[str] = []
    warnings: list[str] = []
    for where, checked in dates:
        said = f"{where}: {checked.isoformat()}"
        if checked > today:
            problems.append(f"{said} is in the future (today is {today.isoformat()} in Jakarta)")
        elif add_months(checked, MAX_AGE_MONTHS) < today:
            problems.append(
                f"{said} is more than {MAX_AGE_MONTHS} months ago; re-check the facts against the sources "
                "and set the date of that check"
            )
        elif add_months(checked, WARN_AGE_MONTHS) < today:
            due = add_months(checked, MAX_AGE_MONTHS)
            warnings.append(f"{said} is over {WARN_AGE_MONTHS} months old; re-check it by {due.isoformat()}")
    return problems, warnings
