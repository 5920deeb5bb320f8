"""`make bench-report`: time `make report` on a database of 1,000,000 logged turns.

Fills a temporary SQLite database (or `--database PATH`, kept afterwards, or the empty database
at `--database-url`, e.g. PostgreSQL) with the demo residents' traffic (`devtools.demo`, the one
synthetic-traffic generator, made in chunks of residents so a million turns fit in memory), using
Core executemany in batches; then runs the report as `make report` does, in a fresh process, and
prints both times. Target: the report in under 60 s on this 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import insert

from devtools.demo.traffic import generate
from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.turns import TurnLog
from infobansos.settings import PROJECT_ROOT
from infobansos.storage.engine import session_factory

DEFAULT_TURNS = 1_000_000
BATCH = 50_000
TARGET_SECONDS = 60.0
DAYS = 30
RESIDENTS_PER_CHUNK = 20_000  # about 120,000 turns, a few hundred MB while they are inserted
TURNS_PER_RESIDENT = 5.9  # the demo residents' average over a month (`make demo-data` prints it)


def generated(turns: int, end: dt.datetime, days: int) -> Iterator[tuple[list[dict], list[dict]]]:
    """Exactly `turns` demo turns and their signals, in chunks of `RESIDENTS_PER_CHUNK` residents.

    The last chunk gives a random sample of its turns, so the days stay evenly covered."""
    made, chunk = 0, 0
    while made < turns:
        # Only as many residents as the turns still wanted need (plus a margin), so a small
        # test database is made in a moment.
        residents = min(RESIDENTS_PER_CHUNK, math.ceil((turns - made) / TURNS_PER_RESIDENT * 1.2) + 1)
        data = generate(chunk, days, residents, end, first_resident=chunk * RESIDENTS_PER_CHUNK)
        rows = data.turns
        if made + len(rows) > turns:
            keep = sorted(random.Random(chunk).sample(range(len(rows)), turns - made))
            rows = [rows[i] for i in keep]
        kept = {row["turn_id"] for row in rows}
        yield rows, [signal for signal in data.signals if signal["turn_id"] in kept]
        made, chunk = made + len(rows), chunk + 1


def fill(database_url: str, turns: int, end: dt.datetime, days: int = DAYS) -> int:
    """Insert `turns` generated turns and their signals; returns the number of signals."""
    engine = session_factory(database_url).kw["bind"]
    signals = 0
    with engine.begin() as connection:
        for turn_rows, signal_rows in generated(turns, end, days):
            for start in range(0, len(turn_rows), BATCH):
                connection.execute(insert(TurnLog), turn_rows[start : start + BATCH])
            for start in range(0, len(signal_rows), BATCH):
                connection.execute(insert(ConfusionSignal), signal_rows[start : start + BATCH])
            signals += len(signal_rows)
    # Closing the last connection checkpoints SQLite's write-ahead log into the file, as the
    # running bot's small transactions do all the time; the report then reads a settled database.
    engine.dispose()
    return signals


def run_report(database_url: str, out: Path, extra: list[str]) -> float:
    """Seconds for `python -m staff.report`, started fresh as `make report` starts it."""
    env = {**os.environ, "DATABASE_URL": database_url}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "staff.report", "--since", f"{DAYS + 1}d", "--out", str(out), *extra],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=DEFAULT_TURNS)
    parser.add_argument("--database", type=Path, help="SQLite file to fill and keep (default: a temporary one)")
    parser.add_argument("--database-url", help="an empty database to fill instead, e.g. a PostgreSQL one")
    parser.add_argument("--out", type=Path, help="report folder (default: a temporary one)")
    args, extra = parser.parse_known_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        database = args.database or Path(tmp) / "bench.sqlite3"
        if not args.database_url and database.exists():
            sys.exit(f"{database} exists already; give a new path")
        url = args.database_url or f"sqlite:///{database.resolve()}"
        started = time.perf_counter()
        signals = fill(url, args.turns, dt.datetime.now(dt.UTC))
        fill_seconds = time.perf_counter() - started
        print(f"filled {args.turns:,} turns ({signals:,} confusion signals) in {fill_seconds:.1f} s", flush=True)
        seconds = run_report(url, args.out or Path(tmp) / "report", extra)
    verdict = "OK" if seconds < TARGET_SECONDS else "TOO SLOW"
    print(f"make report on {args.turns:,} turns: {seconds:.1f} s (target < {TARGET_SECONDS:.0f} s) {verdict}")
    return 0 if seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
