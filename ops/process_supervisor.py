"""Runs child services, restarts a crashed one with backoff, and gives up if it keeps dying.

Each child runs in its own process group (so stopping it also stops anything it spawned) and
asks the kernel to send it SIGTERM if the supervisor itself dies, so no orphan is left behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

STOP_GRACE_SECONDS = 10.0
BACKOFF_SECONDS = (1.0, 2.0, 4.0, 8.0, 16.0)
MAX_RESTARTS_IN_WINDOW = 5
RESTART_WINDOW_SECONDS = 600.0
LOG_TAIL_LINES = 15
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGTERM it when the supervisor goes away."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def say(message: str) -> None:
    print(f"[stack] {message}", file=sys.stderr, flush=True)


@dataclass
class ServiceSpec:
    name: str
    argv: list[str]
    env: dict[str, str]
    log_path: Path
    health: Callable[[], Awaitable[bool]] | None = None
    cwd: Path | None = None


@dataclass
class Service:
    """One supervised child process."""

    spec: ServiceSpec
    process: asyncio.subprocess.Process | None = None
    restarts: deque[float] = field(default_factory=deque)

    async def start(self) -> None:
        self.spec.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.spec.log_path.open("ab")
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.spec.argv,
                env=self.spec.env,
                cwd=self.spec.cwd,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        finally:
            log.close()

    async def wait_healthy(self, timeout: float) -> bool:
        """Poll the health check until it passes, the process dies, or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.returncode is not None:
                return False
            if self.spec.health is None or await self.spec.health():
                return True
            await asyncio.sleep(0.5)
        return False

    async def stop(self) -> None:
        process = self.process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), STOP_GRACE_SECONDS)
        except TimeoutError:
            say(f"{self.spec.name} did not stop within {STOP_GRACE_SECONDS:.0f} s; killing it")
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
        self.kill_leftovers()

    def kill_leftovers(self) -> None:
        """After a crash, end whatever the dead process left in its group (e.g. Sanic's workers)."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)

    def log_tail(self) -> str:
        try:
            lines = self.spec.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join("    " + line for line in lines[-LOG_TAIL_LINES:])

    def next_backoff(self) -> float | None:
        """Seconds to wait before the next restart, or None when it has crashed too often."""
        now = time.monotonic()
        while self.restarts and now - self.restarts[0] > RESTART_WINDOW_SECONDS:
            self.restarts.popleft()
        if len(self.restarts) >= MAX_RESTARTS_IN_WINDOW:
            return None
        self.restarts.append(now)
        return BACKOFF_SECONDS[min(len(self.restarts), len(BACKOFF_SECONDS)) - 1]


class GaveUp(RuntimeError):
    """A service kept crashing; the message names it."""


async def supervise(service: Service, stopping: asyncio.Event, health_timeout: float) -> None:
    """Restart `service` whenever it exits unexpectedly; raise GaveUp when it keeps dying."""
    while not stopping.is_set():
        assert service.process is not None
        code = await service.process.wait()
        if stopping.is_set():
            return
        service.kill_leftovers()
        say(f"{service.spec.name} stopped unexpectedly (exit code {code}). Last lines of {service.spec.log_path}:")
        print(service.log_tail(), file=sys.stderr, flush=True)
        delay = service.next_backoff()
        if delay is None:
            raise GaveUp(
                f"{service.spec.name} crashed {MAX_RESTARTS_IN_WINDOW} times in "
                f"{RESTART_WINDOW_SECONDS / 60:.0f} minutes; stopping everything. See {service.spec.log_path}."
            )
        say(f"restarting {service.spec.name} in {delay:.0f} s")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), delay)
        if stopping.is_set():
            return
        await service.start()
        if await service.wait_healthy(health_timeout):
            say(f"{service.spec.name} is back")
