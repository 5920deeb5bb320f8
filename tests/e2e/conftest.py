"""End-to-end fixtures: the real stack (`python -m tools.stack`: trained model served by `rasa run`,
the rasa-sdk action server, the python-telegram-bot bot) talking to the Telegram stand-in.

Nothing here is mocked: the tests play the resident through the stand-in and read what the bot
sent back, the way a resident would see it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from infobansos.privacy import pseudonym
from infobansos.settings import PROJECT_ROOT, get_settings
from tests.conftest import TEST_KEY
from tools.telegram_standin import TelegramStandIn
from tools.train_model import ensure_model

TEST_TOKEN = "424242:E2E-test-token"
STACK_READY_TIMEOUT = 300.0
STOP_TIMEOUT = 30.0
RUN_MARKER = "INFOBANSOS_TEST_RUN"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def _cmdline(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:200]
    return ""


@dataclass
class RunningStack:
    process: asyncio.subprocess.Process
    env: dict[str, str]
    marker: str
    var_dir: Path
    rasa_url: str
    action_port: int
    log_path: Path

    def sender_for(self, chat_id: int) -> str:
        return pseudonym(TEST_KEY.encode(), chat_id)


def stack_environment(tmp: Path, **overrides: str) -> tuple[dict[str, str], str]:
    marker = uuid.uuid4().hex
    rasa_port, action_port = free_port(), free_port()
    env = dict(os.environ)
    env.update(
        VAR_DIR=str(tmp / "var"),
        PSEUDONYM_KEY=TEST_KEY,
        RASA_PORT=str(rasa_port),
        ACTION_PORT=str(action_port),
        RASA_TIMEOUT_SECONDS="8",
        LOG_LEVEL="INFO",
        **{RUN_MARKER: marker},
    )
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "RASA_URL", "ACTION_SERVER_URL", "TELEGRAM_API_BASE_URL"):
        env.pop(name, None)
    env.update(overrides)
    return env, marker


async def stop_stack(process: asyncio.subprocess.Process) -> int:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(process.wait(), STOP_TIMEOUT)


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """Train once per test session (or reuse the cached model for unchanged training data)."""
    return ensure_model(get_settings().models_dir)


@pytest.fixture(scope="session")
async def standin() -> AsyncIterator[TelegramStandIn]:
    async with TelegramStandIn(token=TEST_TOKEN) as server:
        yield server


@pytest.fixture(scope="session")
async def stack(
    trained_model: Path, standin: TelegramStandIn, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningStack]:
    """`python -m tools.stack` with a token, polling the stand-in, as `make run` would run it."""
    tmp = tmp_path_factory.mktemp("stack")
    env, marker = stack_environment(tmp, TELEGRAM_BOT_TOKEN=TEST_TOKEN, TELEGRAM_API_BASE_URL=standin.base_url)
    log_path = tmp / "stack.log"
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tools.stack", cwd=PROJECT_ROOT, env=env,
            stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
    running = RunningStack(
        process=process,
        env=env,
        marker=marker,
        var_dir=Path(env["VAR_DIR"]),
        rasa_url=f"http://127.0.0.1:{env['RASA_PORT']}",
        action_port=int(env["ACTION_PORT"]),
        log_path=log_path,
    )
    try:
        await wait_until_polling(standin, process, log_path)
        yield running
    finally:
        code = await stop_stack(process)
        await asyncio.sleep(0.5)
        leftovers = [f"{pid}: {_cmdline(pid)}" for pid in processes_with_marker(marker)]
        for pid in processes_with_marker(marker):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        assert leftovers == [], f"processes left behind after stopping the stack: {leftovers}"
        assert code == 0, f"stack exited with {code}; see {log_path}"


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


_chat_ids = iter(range(910_000_001, 920_000_000))


@pytest.fixture
def chat_id() -> int:
    """A fresh private chat per test, so conversations don't leak into each other."""
    return next(_chat_ids)
