"""Gathers everything the report shows, for `make report` and `make export-confusions`.

Both commands compute the clusters through `build_clusters`, so the same window over the same
data gives the same cluster ids in the report and in the export.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.orm import Session

from infobansos.eligibility.tracking import EligibilityFigures, eligibility_figures
from infobansos.status.figures import StatusUse, status_use
from staff.report import queries
from staff.report.clusters import ClusteringResult, cluster_questions
from staff.report.figures import DayRow, TopicRow, per_day, per_topic, ranked, total
from staff.report.queries import Totals
from staff.report.window import ReportWindow, jakarta_today

T = TypeVar("T")
TOP_TOPICS = 15  # bars in the topics chart and rows in its table


@dataclass
class ReportData:
    window: ReportWindow
    generated_at: dt.datetime
    totals: Totals
    days: list[DayRow]  # every day of the window up to today, days without questions as zero
    topics: list[TopicRow]  # intent × program
    reasons: list[tuple[str, int]]
    status_failures: list[tuple[str, int]]
    clustering: ClusteringResult
    status_use: StatusUse | None = None  # lookups and the guards' refusals (issue 13)
    eligibility: EligibilityFigures | None = None  # eligibility checks started in the window (issue 16)
    seconds: dict[str, float] = field(default_factory=dict)  # per step, printed by `make report`

    @property
    def empty(self) -> bool:
        return self.totals.questions == 0

    def day_totals(self) -> DayRow:
        return total(self.days)

    def per_intent(self) -> list[tuple[str | None, int]]:
        return ranked((row.intent, row.questions) for row in self.topics)

    def per_program(self) -> list[tuple[str | None, int]]:
        return ranked((row.program, row.questions) for row in self.topics)


def _timed(seconds: dict[str, float], step: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = work()
    seconds[step] = time.perf_counter() - started
    return result


def build_clusters(session: Session, window: ReportWindow) -> ClusteringResult:
    scan = queries.prefer_scan(session, window)
    return cluster_questions(queries.confusion_questions(session, window, scan))


def build_report(
    session: Session,
    window: ReportWindow,
    now: dt.datetime | None = None,
    clustering: Callable[[], ClusteringResult] | None = None,
) -> ReportData:
    """Everything the report shows. `clustering` gives the clusters when the caller computes them
    alongside (the console does, on another connection, so two cores share the work)."""
    now = now or dt.datetime.now(dt.UTC)
    seconds: dict[str, float] = {}
    scan = _timed(seconds, "plan", lambda: queries.prefer_scan(session, window))
    cube = _timed(seconds, "volumes", lambda: queries.volume_cube(session, window, scan))
    totals = _timed(seconds, "totals", lambda: queries.totals(session, window, scan))
    reasons = _timed(seconds, "signals", lambda: queries.signals_per_reason(session, window))
    failures = _timed(seconds, "status_failures", lambda: queries.status_failures(session, window))
    use = _timed(seconds, "status_use", lambda: status_use(session, window.start_utc, window.end_utc))
    checks = _timed(
        seconds,
        "eligibility",
        lambda: eligibility_figures(session, window.start_utc, window.end_utc, program=window.program, now=now),
    )
    if clustering is None:
        rows = _timed(seconds, "confusion_query", lambda: queries.confusion_questions(session, window, scan))
        clusters = _timed(seconds, "clustering", lambda: cluster_questions(rows))
    else:
        clusters = _timed(seconds, "clustering_wait", clustering)
    return ReportData(
        window=window,
        generated_at=now,
        totals=totals,
        days=per_day(cube, window, jakarta_today(now)),
        topics=per_topic(cube),
        reasons=reasons,
        status_failures=failures,
        clustering=clusters,
        status_use=use,
        eligibility=checks,
        seconds=seconds,
    )
