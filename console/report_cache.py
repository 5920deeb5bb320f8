"""The console's report figures, built once per window and reused while they are recent.

Building a month's report reads every turn of the window (a million on a busy month), clusters
the confused questions and draws four charts: seconds to tens of seconds on a 2-core server.
With the bot live the log changes every few seconds, so the page could never be served from a
cache keyed by the data alone. Instead an entry is served for `MAX_AGE` (the page says when its
figures were counted); after that, if the log changed (a cheap revision: the newest turn and
signal ids, the number of turns, and of eligibility checks started and ended), the old figures
are still shown while new ones are built in the background, so an analyst never waits for a
rebuild of a window already opened. Only a window nobody opened yet is built while the request
waits; the home page warms the default 30 days.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infobansos.eligibility.tracking import EligibilityCheck
from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.turns import TurnLog
from staff.report.build import ReportData, build_clusters, build_report
from staff.report.clusters import ClusteringResult
from staff.report.names import DisplayNames
from staff.report.render import chart_images
from staff.report.window import ReportWindow

MAX_AGE = 300.0  # seconds a report is shown before it is checked against the log again
MAX_ENTRIES = 8  # windows kept; each holds its figures, clusters and four PNG charts (a few MB)
Revision = tuple[int | None, int, int | None, int, int]
Sessions = Callable[[], Session]


@dataclass
class CachedReport:
    data: ReportData
    revision: Revision
    checked: float  # time.monotonic() when last built or found unchanged
    charts: dict[str, str] | None = None  # drawn on first view, not for a CSV download
    refreshing: bool = False  # newer figures are being built in the background
    lock: threading.Lock = field(default_factory=threading.Lock)

    def chart_images(self, names: DisplayNames) -> dict[str, str]:
        with self.lock:
            if self.charts is None:
                self.charts = chart_images(self.data, names)
            return self.charts


def _clusters(sessions: Sessions, window: ReportWindow) -> ClusteringResult:
    """The confusion clusters on a connection of their own, while the figures are counted on another:
    SQLite and scikit-learn release the interpreter lock, so a 2-core server builds a month about
    a third faster."""
    with sessions() as session:
        return build_clusters(session, window)


def revision(session: Session) -> Revision:
    """Changes whenever turns, signals or eligibility checks are added, ended or purged; small reads
    (index-only for the question log; the checks' table holds a row per check, not per message)."""
    newest_turn, turns = session.execute(select(func.max(TurnLog.id), func.count(TurnLog.id))).one()
    newest_signal = session.execute(select(func.max(ConfusionSignal.id))).scalar_one()
    # A check ends (or its result changes) without a new row: count the ended ones too.
    checks, ended = session.execute(select(func.count(), func.count(EligibilityCheck.finished_at))).one()
    return newest_turn, turns, newest_signal, checks, ended


class ReportCache:
    def __init__(self, max_entries: int = MAX_ENTRIES, max_age: float = MAX_AGE) -> None:
        self._entries: OrderedDict[ReportWindow, CachedReport] = OrderedDict()
        self._building: dict[ReportWindow, threading.Event] = {}
        self._lock = threading.Lock()
        self.max_entries, self.max_age = max_entries, max_age
        self.builds = 0  # reports built: for the tests and the benchmark
        self.last_steps: dict[str, float] = {}  # seconds per step of the last build (`make bench-console`)

    def _build(self, sessions: Sessions, window: ReportWindow) -> CachedReport:
        """Build the window's report unless another thread is already at it (then wait for that one)."""
        with self._lock:
            running = self._building.get(window)
            if running is None:
                self._building[window] = threading.Event()
        if running is not None:
            running.wait()
            with self._lock:
                built = self._entries.get(window)
            return built if built is not None else self._build(sessions, window)  # that build failed
        try:
            with ThreadPoolExecutor(max_workers=1) as pool, sessions() as session:
                clusters = pool.submit(_clusters, sessions, window)
                data = build_report(session, window, clustering=clusters.result)
                entry = CachedReport(data, revision(session), time.monotonic())
            with self._lock:
                self.builds += 1
                self.last_steps = entry.data.seconds
                self._entries[window] = entry
                self._entries.move_to_end(window)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
            return entry
        finally:
            with self._lock:
                self._building.pop(window).set()

    def _refresh(self, sessions: Sessions, window: ReportWindow, stale: CachedReport) -> None:
        try:
            self._build(sessions, window)
        finally:
            stale.refreshing = False

    def get(self, sessions: Sessions, window: ReportWindow) -> tuple[CachedReport, bool]:
        """The window's report, and whether newer figures are being counted in the background.

        Recent figures come at once; a window is built while the caller waits only the first time."""
        with self._lock:
            entry = self._entries.get(window)
        if entry is None:
            return self._build(sessions, window), False
        if entry.refreshing:
            return entry, True
        if time.monotonic() - entry.checked < self.max_age:
            return entry, False
        with sessions() as session:
            current = revision(session)
        if current == entry.revision:
            entry.checked = time.monotonic()
            return entry, False
        entry.refreshing = True
        threading.Thread(target=self._refresh, args=(sessions, window, entry), daemon=True).start()
        return entry, True

    def warm(self, sessions: Sessions, window: ReportWindow) -> None:
        """Bring this window up to date in the background, so the page opens at once later."""
        with self._lock:
            entry, building = self._entries.get(window), window in self._building
        if building or (entry is not None and time.monotonic() - entry.checked < self.max_age):
            return
        work = self._build if entry is None else self.get
        threading.Thread(target=work, args=(sessions, window), daemon=True).start()

    def wait(self) -> None:
        """Until no report is being built (for the tests and the benchmark)."""
        while True:
            with self._lock:
                running = list(self._building.values())
            if not running:
                return
            for event in running:
                event.wait()
