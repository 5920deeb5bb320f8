"""The analysts' report in the console (issue 15.5): the figures, charts and top-20 confusion
clusters of `make report`, for a date range and a program, with each table as a CSV download,
and today's figures (as the bot's `/stats`) for the first page.

Everything is computed by the report's own code (`staff.report`): the same window gives the same
numbers, cluster ids and CSV bytes here as on the command line. Topics and programs are shown by
their labels from content/ (`staff.report.names`); residents' words are escaped by the templates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from console.report_cache import CachedReport, ReportCache
from console.web import ROLE_ANALIS, render, requires, templates
from infobansos.content.history import current_files
from infobansos.jakarta_time import JAKARTA
from infobansos.question_log.today import todays_stats
from infobansos.settings import Settings
from staff.report.names import DisplayNames, published_names
from staff.report.render import FILTERS, page_context
from staff.report.tables import TABLES, csv_bytes
from staff.report.window import DEFAULT_SINCE, ReportWindow, WindowError, parse_window

MAX_DAYS = 366  # a longer range is refused: it would hold the page for minutes on a busy year
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
templates.filters.update(FILTERS)  # `persen` and `angka`, as in make report


@dataclass(frozen=True)
class Filters:
    """The report's window from the filter form (GET: `dari`, `sampai`, `program`)."""

    window: ReportWindow
    problems: tuple[str, ...] = ()  # codes the template words; the default window is shown instead

    @property
    def query(self) -> str:
        """The filter as a query string, for the CSV links (the same figures as the page)."""
        w = self.window
        return urlencode({"dari": w.first_day, "sampai": w.last_day, "program": w.program or ""})


def parse_filters(params: Mapping[str, str], programs: Mapping[str, str], now: dt.datetime) -> Filters:
    """Nothing typed is trusted: dates must be dates, the program a known one, the range bounded."""
    default = parse_window(DEFAULT_SINCE, now=now)
    since, until = params.get("dari", "").strip(), params.get("sampai", "").strip()
    program = params.get("program", "").strip().lower()
    problems = []
    if program and program not in programs:
        problems.append("program")
        program = ""
    try:
        # A date, never the command line's "7d": the form's fields are dates.
        window = parse_window(
            dt.date.fromisoformat(since).isoformat() if since else default.first_day.isoformat(),
            dt.date.fromisoformat(until).isoformat() if until else None,
            program,
            now,
        )
    except (ValueError, WindowError):
        return Filters(ReportWindow(default.first_day, default.last_day, program or None), (*problems, "dates"))
    if (window.last_day - window.first_day).days >= MAX_DAYS:
        return Filters(ReportWindow(default.first_day, default.last_day, program or None), (*problems, "too_long"))
    return Filters(window, tuple(problems))


def _cache(request: Request) -> ReportCache:
    state = request.app.state
    if not hasattr(state, "report_cache"):
        state.report_cache = ReportCache()
    return state.report_cache


def _report(request: Request, window: ReportWindow) -> tuple[CachedReport, bool]:
    return _cache(request).get(request.app.state.sessions, window)


def warm_default_report(request: Request) -> None:
    """Start counting the default 30 days in the background (called by the home page), so the
    report opens at once when the analyst clicks on it."""
    _cache(request).warm(request.app.state.sessions, parse_window(DEFAULT_SINCE))


def _names(request: Request) -> DisplayNames:
    """Labels from the content residents are served: the newest published revision, else content/."""
    with request.app.state.sessions() as session:
        _, files = current_files(session, request.app.state.settings.content_dir)
    return published_names(files)


def _page(request: Request) -> Response:
    """Runs in a worker thread: the first build of a month's report reads the whole window."""
    now = dt.datetime.now(dt.UTC)
    names = _names(request)
    filters = parse_filters(request.query_params, names.programs, now)
    report, refreshing = _report(request, filters.window)
    context: dict[str, Any] = page_context(report.data, names)
    context["charts"] = report.chart_images(names)
    return render(
        request,
        "reports/index.html",
        status_code=400 if filters.problems else 200,
        filters=filters,
        window=filters.window,
        programs=names.programs,
        tables=list(TABLES),
        generated_wib=report.data.generated_at.astimezone(JAKARTA),
        refreshing=refreshing,
        **context,
    )


@requires(ROLE_ANALIS)
async def report_page(request: Request) -> Response:
    return await run_in_threadpool(_page, request)


def _csv(request: Request, table: str) -> Response:
    now = dt.datetime.now(dt.UTC)
    names = _names(request)
    filters = parse_filters(request.query_params, names.programs, now)
    if filters.problems:
        raise HTTPException(400)
    w = filters.window
    name = "_".join(part for part in (table, str(w.first_day), str(w.last_day), w.program or "") if part)
    return Response(
        csv_bytes(table, _report(request, w)[0].data, names),
        media_type=CSV_MEDIA_TYPE,
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )


@requires(ROLE_ANALIS)
async def report_csv(request: Request) -> Response:
    table = request.path_params["table"]
    if table not in TABLES:  # only the report's own tables: the name never reaches a path
        raise HTTPException(404)
    return await run_in_threadpool(_csv, request, table)


def today_card(session: Session, settings: Settings, now: dt.datetime | None = None) -> dict[str, Any]:
    """Today's figures for the first page, as `/stats` gives them in Telegram (same function)."""
    now = now or dt.datetime.now(dt.UTC)
    stats = todays_stats(session, now, settings.status_lookups_per_hour)
    turns, status, guards, checks = stats.turns, stats.status, stats.guards, stats.eligibility
    return {
        "day": stats.day,
        "questions": turns.questions,
        "fallbacks": turns.fallbacks,
        "fallback_rate": turns.fallback_rate,
        "out_of_scope": turns.out_of_scope,
        "busy": turns.busy,
        "thumbs_up": turns.thumbs_up,
        "thumbs_down": turns.thumbs_down,
        "lookups": status.lookups,
        "found": status.found,
        "nik_locked": status.nik_locked,
        "chat_limited": status.chat_limited,
        "budget_spent": status.budget_spent,
        "nik_locks_now": guards.nik_locks_active,
        "budget_used": guards.lookups_last_hour,
        "budget": guards.budget,
        "budget_share": guards.budget_share,
        "eligibility": checks,
    }


ROUTES = [
    Route("/laporan", report_page, methods=["GET"]),
    Route("/laporan/unduh/{table}", report_csv, methods=["GET"]),
]
