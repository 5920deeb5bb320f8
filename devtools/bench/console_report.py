"""`make bench-console`: time the staff console's 30-day report page on 1,000,000 logged turns.

Fills a database exactly as `make bench-report` does (`devtools.bench.report.fill`; or reuses
`--database PATH` when that file exists already, so a filled one can be timed again), starts the
real console app in this process, logs in as an analyst through the login form, and times
GET /laporan three ways: the first view (figures, clusters and charts counted from the log while
the request waits), a second view (from the console's memory) and a view after a new turn once
the figures are five minutes old (the previous figures are shown at once while new ones are
counted in the background; how long that takes is printed too). Target: the first view under
10 s on this 2-core machine. The console's home page starts counting the default 30 days in the
background, so an analyst coming from it usually gets the "next views" time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from devtools.bench.report import DEFAULT_TURNS, fill

TARGET_SECONDS = 10.0
ANALYST = "bench_analis_"  # a fresh suffix per run, so a reused database takes another account
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def logged_in(app: object, password: str) -> TestClient:
    from console.accounts import create_account  # late: DATABASE_URL must be set first

    username = ANALYST + secrets.token_hex(3)
    with app.state.sessions() as session, session.begin():  # type: ignore[attr-defined]
        create_account(session, username, "analis", password)
    client = TestClient(app, base_url="http://127.0.0.1")  # type: ignore[arg-type]
    token = TOKEN.search(client.get("/masuk").text)
    assert token, "no login form"
    form = {"csrf_token": token.group(1), "username": username, "password": password}
    assert client.post("/masuk", data=form, follow_redirects=False).status_code == 303, "login failed"
    return client


def timed_page(client: TestClient) -> float:
    started = time.perf_counter()
    response = client.get("/laporan")
    seconds = time.perf_counter() - started
    assert response.status_code == 200 and 'id="clusters"' in response.text, response.text[:500]
    return seconds


def add_turn(app: object) -> None:
    from infobansos.question_log.turns import TurnLog

    with app.state.sessions() as session, session.begin():  # type: ignore[attr-defined]
        turn = TurnLog(turn_id=secrets.token_hex(8), sender="bench", text="kapan cair", intent="tanya_jadwal_cair")
        session.add(turn)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench-console", description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=DEFAULT_TURNS)
    parser.add_argument("--database", type=Path, help="SQLite file: filled if new, reused if it exists")
    parser.add_argument("--repeat", type=int, default=3, help="first views timed (the median is judged)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-console-") as tmp:
        database = (args.database or Path(tmp) / "bench.sqlite3").resolve()
        url = f"sqlite:///{database}"
        if database.exists():
            print(f"reusing {database}", flush=True)
        else:
            started = time.perf_counter()
            fill(url, args.turns, dt.datetime.now(dt.UTC))
            print(f"filled {args.turns:,} turns in {time.perf_counter() - started:.1f} s", flush=True)
        os.environ.update(DATABASE_URL=url, VAR_DIR=str(Path(tmp) / "var"))
        from console.app import create_app  # late: settings are read from the environment above
        from console.report_cache import ReportCache
        from infobansos.settings import get_settings

        get_settings.cache_clear()
        app = create_app(get_settings())
        with logged_in(app, secrets.token_urlsafe(16)) as client:
            firsts = []
            for _ in range(args.repeat):
                app.state.report_cache = ReportCache()  # forget: the next view counts from the log
                firsts.append(timed_page(client))
            steps = dict(app.state.report_cache.last_steps)
            again = timed_page(client)
            add_turn(app)
            app.state.report_cache.max_age = 0  # as if five minutes had passed: the new turn is noticed
            stale = timed_page(client)
            started = time.perf_counter()
            app.state.report_cache.wait()
            rebuild = time.perf_counter() - started
    first = statistics.median(firsts)
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    verdict = "OK" if first < TARGET_SECONDS else "TOO SLOW"
    print(
        f"console /laporan (30 days) on {args.turns:,} turns, load average {load} on {os.cpu_count()} cores:\n"
        f"  first view (counted while waiting) {first:.1f} s, median of {', '.join(f'{s:.1f}' for s in firsts)}"
        f" (target < {TARGET_SECONDS:.0f} s) {verdict}\n"
        f"  of which (last of them): {', '.join(f'{name} {seconds:.1f} s' for name, seconds in steps.items())}\n"
        f"  next views (from memory) {again:.2f} s; after new data {stale:.2f} s (previous figures shown,"
        f" new ones counted in the background in {rebuild:.1f} s)"
    )
    return 0 if first < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
