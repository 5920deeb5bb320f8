"""A throwaway Redis for the tests and `make bench`: redis-server on a free local port, no disk, removed afterwards.

The machine's own Redis may hold someone else's keys; a private server keeps the tests from
reading or deleting them and from depending on its configuration.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

from devtools.local_stack import free_port

START_TIMEOUT_SECONDS = 10.0


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """redis://127.0.0.1:<port>/0 of a fresh, empty server that keeps nothing on disk."""
    executable = shutil.which("redis-server")
    if executable is None:
        raise RuntimeError("redis-server is needed for this test: apt install redis-server")
    port = free_port()
    argv = [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {port}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
