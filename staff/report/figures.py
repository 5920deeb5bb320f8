"""Per-day and per-topic figures, summed from the day × intent × program counts of one SQL pass.

One GROUP BY over the window gives a few thousand rows whatever the size of the log; summing
them here instead of running a query per view saves a full pass over a million turns each.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, fields
from typing import TypeVar

from staff.report.queries import CubeRow
from staff.report.window import ReportWindow

K = TypeVar("K", bound=Hashable)
COUNTS = ("questions", "fallbacks", "out_of_scope", "thumbs_up", "thumbs_down", "busy")


@dataclass(frozen=True)
class DayRow:
    day: str  # YYYY-MM-DD, Jakarta time ("" for a total)
    questions: int = 0
    fallbacks: int = 0
    out_of_scope: int = 0
    thumbs_up: int = 0
    thumbs_down: int = 0
    busy: int = 0

    @property
    def fallback_rate(self) -> float | None:
        return self.fallbacks / self.questions if self.questions else None

    @property
    def out_of_scope_rate(self) -> float | None:
        return self.out_of_scope / self.questions if self.questions else None

    @property
    def thumbs_down_rate(self) -> float | None:
        """👎 among the answers residents rated: most answers are never rated."""
        rated = self.thumbs_up + self.thumbs_down
        return self.thumbs_down / rated if rated else None


@dataclass(frozen=True)
class TopicRow:
    intent: str | None
    program: str | None
    questions: int
    fallbacks: int
    thumbs_down: int


def _sum_by(cube: Iterable[CubeRow], key: Callable[[CubeRow], K]) -> dict[K, Counter[str]]:
    sums: dict[K, Counter[str]] = {}
    for row in cube:
        counter = sums.setdefault(key(row), Counter())
        for name in COUNTS:
            counter[name] += getattr(row, name)
    return sums


def per_day(cube: Iterable[CubeRow], window: ReportWindow, today: dt.date) -> list[DayRow]:
    """One row per day of the window up to today, days without questions as zero, so gaps show."""
    sums = _sum_by(cube, lambda row: row.day)
    days = [day.isoformat() for day in window.days(today)]
    days += sorted(set(sums) - set(days))  # dated after "today" (clock skew): kept
    return [DayRow(day, **sums.get(day, Counter())) for day in days]


def total(days: Iterable[DayRow]) -> DayRow:
    sums: Counter[str] = Counter()
    for day in days:
        for field in fields(DayRow)[1:]:
            sums[field.name] += getattr(day, field.name)
    return DayRow("", **sums)


def per_topic(cube: Iterable[CubeRow]) -> list[TopicRow]:
    """Questions per intent × program, largest first (ties by name, so the CSV is stable)."""
    sums = _sum_by(cube, lambda row: (row.intent, row.program))
    rows = [
        TopicRow(intent, program, counts["questions"], counts["fallbacks"], counts["thumbs_down"])
        for (intent, program), counts in sums.items()
    ]
    return sorted(rows, key=lambda r: (-r.questions, r.intent or "", r.program or ""))


def ranked(pairs: Iterable[tuple[str | None, int]]) -> list[tuple[str | None, int]]:
    """Counts summed per key, largest first (ties by name)."""
    counter: Counter[str | None] = Counter()
    for key, count in pairs:
        counter[key] += count
    return sorted(counter.items(), key=lambda item: (-item[1], item[0] or ""))
