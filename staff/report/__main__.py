"""`make report`: the analysts' HTML report and CSV exports for a period, optionally one program.

    make report                                  # the last 30 days
    make report ARGS="--since 7d --program klj"
    make report ARGS="--since 2026-11-01 --until 2026-11-30 --out /tmp/november"

Prints the path of report.html at the end (and the time each step took, on stderr).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from infobansos.settings import SettingsError, get_settings
from infobansos.storage.engine import session_factory
from staff.report.build import build_report
from staff.report.paths import REPORTS_DIR, timestamped
from staff.report.render import write_report
from staff.report.window import ReportWindow, WindowError, add_window_options, parse_window


def make_report(window: ReportWindow, out: Path | None = None, database_url: str | None = None) -> Path:
    """Build and write the report; returns the path of report.html."""
    settings = get_settings()
    now = dt.datetime.now(dt.UTC)
    factory = session_factory(database_url or settings.database_url)
    started = time.perf_counter()
    with factory() as session:
        data = build_report(session, window, now)
    render_started = time.perf_counter()
    folder = out or timestamped(settings.var_dir / REPORTS_DIR, now)
    path = write_report(data, folder, settings.content_dir, settings.retention_days)
    steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in data.seconds.items())
    print(
        f"[report] {data.totals.questions:,} turns, {len(data.clustering.clusters):,} clusters; {steps}; "
        f"charts and files {time.perf_counter() - render_started:.1f} s; total {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make report", description=__doc__.splitlines()[0])
    add_window_options(parser)
    parser.add_argument("--out", type=Path, help="folder for the report (default: var/reports/<time>/)")
    args = parser.parse_args(argv)
    try:
        window = parse_window(args.since, args.until, args.program)
        path = make_report(window, args.out)
    except (WindowError, SettingsError) as exc:
        parser.error(str(exc))
    except SQLAlchemyError as exc:
        print(f"report: the database could not be read: {exc}", file=sys.stderr)
        return 1
    print(path.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
