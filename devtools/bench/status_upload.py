"""`make bench-upload`: time the console's status dry run of 100,000 rows through its HTTP endpoint.

Issue 15 wants a 100,000-row upload previewed in < 30 s in the browser test. This times what the
server does for it: the multipart upload, the private copy and its SHA-256, `make import-status`'s
checks and the read-only plan against the database, and the preview page. It runs the real app
in-process (Starlette's TestClient) on a fresh SQLite database, as an editor, three times: the
dry run on an empty database, Impor, then the dry run of the same file again (all unchanged).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from console.accounts import ROLE_EDITOR, StaffUser, create_account
from console.app import create_app
from console.sessions import open_session
from console.web import SESSION_COOKIE
from devtools.demo.status_rows import DEFAULT_ROWS, write_status_csv
from infobansos.settings import get_settings

TARGET_SECONDS = 30.0
_FIELD = re.compile(r'name="(token|sha256|csrf_token)" value="([^"]+)"')


def _editor_client(app: object) -> tuple[TestClient, str]:
    """A client with an editor's session cookie (minted directly: the login form is not timed)."""
    settings = app.state.settings  # type: ignore[attr-defined]
    with app.state.sessions() as session, session.begin():  # type: ignore[attr-defined]
        account = create_account(session, "bench", ROLE_EDITOR, secrets.token_urlsafe(16))
        token = open_session(session, settings.console_secret_key, StaffUser(account.id, "bench", ROLE_EDITOR))
    client = TestClient(app, base_url="http://127.0.0.1")  # type: ignore[arg-type]
    client.cookies.set(SESSION_COOKIE, token)
    csrf = dict(_FIELD.findall(client.get("/status").text))["csrf_token"]
    return client, csrf


def _timed_dry_run(client: TestClient, csrf: str, path: Path) -> tuple[float, str]:
    start = time.perf_counter()
    with path.open("rb") as handle:
        response = client.post(
            "/status/uji", data={"csrf_token": csrf}, files={"file": (path.name, handle, "text/csv")}
        )
    seconds = time.perf_counter() - start
    response.raise_for_status()
    return seconds, response.text


def run(rows: int, tmp: Path) -> list[tuple[str, float]]:
    os.environ["VAR_DIR"] = str(tmp / "var")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    get_settings.cache_clear()
    app = create_app(get_settings())
    client, csrf = _editor_client(app)
    path = write_status_csv(tmp / "status.csv", rows)
    first, page = _timed_dry_run(client, csrf, path)
    start = time.perf_counter()
    client.post("/status/impor", data=dict(_FIELD.findall(page))).raise_for_status()
    applied = time.perf_counter() - start
    again, _ = _timed_dry_run(client, csrf, path)
    client.close()
    return [("dry run, empty database", first), ("Impor", applied), ("dry run, all rows stored", again)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = run(args.rows, Path(tmp))
    for label, seconds in figures:
        print(f"{label} of {args.rows:,} rows: {seconds:.1f} s")
    slowest_dry_run = max(seconds for label, seconds in figures if label.startswith("dry run"))
    print(f"target for the dry run: < {TARGET_SECONDS:.0f} s (browser test)")
    return 0 if slowest_dry_run < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
