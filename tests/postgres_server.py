"""A PostgreSQL server for the tests: TEST_POSTGRES_URL when set, else a throwaway cluster.

The throwaway cluster is made with Debian's postgresql package (initdb/pg_ctl) in a temporary
folder, listens only on its own Unix socket and a free local port, and is removed afterwards.
Each test gets a database of its own, dropped when the test ends.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from devtools.local_stack import free_port

SERVER_URL_VARIABLE = "TEST_POSTGRES_URL"
UNPRIVILEGED_USER = "postgres"  # initdb refuses to run as root


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", UNPRIVILEGED_USER, "--", *command]


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[str]:
    bin_dir = _binaries()
    if bin_dir is None:
        raise RuntimeError(
            f"no PostgreSQL for the tests: set {SERVER_URL_VARIABLE} or install Debian's postgresql package"
        )
    root = Path(tempfile.mkdtemp(prefix="infobansos-pg-"))
    data, port = root / "data", free_port()
    if os.geteuid() == 0:
        user = pwd.getpwnam(UNPRIVILEGED_USER)
        os.chown(root, user.pw_uid, user.pw_gid)
    try:
        subprocess.run(
            _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]),
            check=True,
            capture_output=True,
        )
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        # The server's output goes to a log file: an inherited pipe would keep pg_ctl's caller waiting.
        subprocess.run(
            _as_server_user(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "server.log"), "-w", "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                capture_output=True,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    configured = os.environ.get(SERVER_URL_VARIABLE, "").strip()
    if configured:
        yield configured
        return
    with throwaway_cluster() as url:
        yield url


@contextlib.contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server; dropped (connections and all) afterwards."""
    name = f"infobansos_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", hide_parameters=True)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
