"""The console's report figures, computed once per window and data revision, then reused.

Building the report reads every turn of the window (a million on a busy month) and draws four
charts; an analyst flipping between the page and its CSV downloads, or two analysts opening the
same month, must not pay that each time. An entry is keyed by the window, the Jakarta day and a
cheap revision of the log (the newest turn and signal ids and the number of turns: a new turn, a
new signal or a purge changes it), and lives `MAX_AGE` at most, because a resident's rating
updates an existing row without changing the revision.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.turns import TurnLog
from staff.report.build import ReportData, build_report
from staff.report.names import DisplayNames
from staff.report.render import chart_images
from staff.report.window import ReportWindow, jakarta_today

MAX_AGE = 300.0  # seconds; ratings (👍/👎 on old rows) show within five minutes
MAX_ENTRIES = 8  # windows kept; each holds its figures, clusters and four PNG charts (a few MB)


@dataclass
class CachedReport:
    data: ReportData
    made: float  # time.monotonic() when built
    charts: dict[str, str] | None = None  # drawn on first view, not for a CSV download
    lock: threading.Lock = field(default_factory=threading.Lock)

    def chart_images(self, names: DisplayNames) -> dict[str, str]:
        with self.lock:
            if self.charts is None:
                self.charts = chart_images(self.data, names)
            return self.charts


def revision(session: Session) -> tuple[int | None, int, int | None]:
    """Changes whenever turns or signals are added or purged; index-only reads, milliseconds."""
    newest_turn, turns = session.execute(select(func.max(TurnLog.id), func.count(TurnLog.id))).one()
    newest_signal = session.execute(select(func.max(ConfusionSignal.id))).scalar_one()
    return newest_turn, turns, newest_signal


class ReportCache:
    def __init__(self, max_entries: int = MAX_ENTRIES, max_age: float = MAX_AGE) -> None:
        self._entries: OrderedDict[Hashable, CachedReport] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries, self.max_age = max_entries, max_age
        self.builds = 0  # reports built (not served from the cache): for the tests and the benchmark

    def get(self, session: Session, window: ReportWindow, now: dt.datetime | None = None) -> CachedReport:
        """The report for this window, built now or reused while the data has not changed."""
        now = now or dt.datetime.now(dt.UTC)
        key = (window, jakarta_today(now), revision(session))
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and time.monotonic() - entry.made < self.max_age:
                self._entries.move_to_end(key)
                return entry
        entry = CachedReport(build_report(session, window, now), time.monotonic())
        with self._lock:
            self.builds += 1
            self._entries[key] = entry
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return entry
