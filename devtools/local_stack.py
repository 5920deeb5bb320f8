"""Start the whole stack on free local ports against a Telegram stand-in, for e2e tests and benchmarks.

Every process the stack starts inherits a unique marker in its environment, so a test can prove
that stopping the stack left nothing behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import uuid
from pathlib import Path

from infobansos.settings import PROJECT_ROOT
from standin.server import TelegramStandIn

RUN_MARKER = "INFOBANSOS_STACK_RUN"
STACK_READY_TIMEOUT = 300.0
STOP_TIMEOUT = 30.0
CLEARED_VARIABLES = ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "RASA_URL", "ACTION_SERVER_URL", "TELEGRAM_API_BASE_URL")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_ports(count: int) -> int:
    """The first of `count` consecutive free ports (for RASA_INSTANCES on RASA_PORT, RASA_PORT+1, …)."""
    while True:
        first = free_port()
        with contextlib.ExitStack() as held:
            try:
                for port in range(first, first + count):
                    held.enter_context(socket.socket()).bind(("127.0.0.1", port))
            except OSError:
                continue
        return first


def cmdline(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    return ""


def processes_with_marker(marker: str) -> list[int]:
    """Pids whose environment carries this run's marker: every process the stack started."""
    pids = []
    needle = f"{RUN_MARKER}={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                pids.append(int(entry.name))
    return pids


def stack_environment(var_dir: Path, pseudonym_key: str, **overrides: str) -> tuple[dict[str, str], str]:
    """Environment for a stack on free ports with its own var/; returns it and the run marker."""
    marker = uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_VARIABLES}
    env.update(
        VAR_DIR=str(var_dir),
        PSEUDONYM_KEY=pseudonym_key,
        RASA_PORT=str(free_port()),
        ACTION_PORT=str(free_port()),
        CONSOLE_PORT=str(free_port()),
        **{RUN_MARKER: marker},
    )
    env.update(overrides)
    return env, marker


async def start_stack(env: dict[str, str], log_path: Path) -> asyncio.subprocess.Process:
    """`python -m ops.stack`, as `make run` runs it, with its output in `log_path`."""
    with log_path.open("wb") as log:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "ops.stack", cwd=PROJECT_ROOT, env=env,
            stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip


async def wait_until_polling(standin: TelegramStandIn, process: asyncio.subprocess.Process, log: Path) -> None:
    """The bot polls only after Rasa and the action server are healthy, so polling means ready."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STACK_READY_TIMEOUT
    while loop.time() < deadline:
        if any(method == "getUpdates" for method, _ in standin.calls):
            return
        if process.returncode is not None:
            raise RuntimeError(f"the stack exited early ({process.returncode}):\n{log.read_text()[-3000:]}")
        await asyncio.sleep(0.25)
    raise TimeoutError(f"the bot never polled the stand-in:\n{log.read_text()[-3000:]}")


async def stop_stack(process: asyncio.subprocess.Process) -> int:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(process.wait(), STOP_TIMEOUT)


def kill_marked(marker: str) -> list[str]:
    """Kill whatever is left of a run; returns a description of each process that was left."""
    left = [f"{pid}: {cmdline(pid)[:200]}" for pid in processes_with_marker(marker)]
    for pid in processes_with_marker(marker):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return left
