"""End-to-end fixtures: the real stack (`python -m ops.stack`: trained model served by `rasa run`,
the rasa-sdk action server, the python-telegram-bot bot) talking to the Telegram stand-in.

Nothing here is mocked: the tests play the resident through the stand-in and read what the bot
sent back, the way a resident would see it.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from devtools.local_stack import (
    cmdline,
    free_port,
    kill_marked,
    processes_with_marker,
    stack_environment,
    start_stack,
    stop_stack,
    wait_until_polling,
)
from infobansos.privacy.redaction import pseudonym
from infobansos.settings import PROJECT_ROOT, get_settings
from ops.train_model import ensure_model
from standin.server import TelegramStandIn
from tests.conftest import TEST_IDENTITY_KEY, TEST_KEY

TEST_TOKEN = "424242:E2E-test-token"
RASA_TOKEN = "rasa-api-token-" + "r" * 30  # `rasa run --auth-token`; the HTTP API answers 401 without it
STAFF_ID = 900_000_001  # an outreach staff member's Telegram id, allowed /reload and /stats
# How each service's command line can be told apart, for tests that crash or pause one.
SERVICE_COMMAND_LINES = {
    "rasa": lambda line: " run " in f" {line} " and "rasa" in line,
    "actions": lambda line: "rasa_sdk" in line,
    "bot": lambda line: "-m bot" in line,
}


@dataclass
class RunningStack:
    process: asyncio.subprocess.Process
    env: dict[str, str]
    marker: str
    var_dir: Path
    rasa_url: str
    log_path: Path

    content_dir: Path

    @property
    def rasa_auth(self) -> dict[str, str]:
        """Query parameters for Rasa's HTTP API (`/status`, `/conversations/…`)."""
        return {"token": RASA_TOKEN}

    def sender_for(self, chat_id: int) -> str:
        return pseudonym(TEST_KEY.encode(), chat_id)

    async def rasa_answers(self, timeout: float, url: str | None = None) -> bool:
        """Wait until Rasa at `url` (the first instance by default) answers `/status` again, as
        after the supervisor restarted it and it loaded the model; False if it did not in `timeout` s."""
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=2.0) as client:
            while time.monotonic() < deadline:
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(f"{url or self.rasa_url}/status", params=self.rasa_auth)).status_code == 200:
                        return True
                await asyncio.sleep(1.0)
        return False

    def pids(self, service: str) -> list[int]:
        """Process ids of one service of this stack: "rasa", "actions" or "bot"."""
        matches = SERVICE_COMMAND_LINES[service]
        found = [pid for pid in processes_with_marker(self.marker) if matches(cmdline(pid))]
        assert found, f"{service} process not found"
        return found


def e2e_environment(tmp: Path, **overrides: str) -> tuple[dict[str, str], str]:
    return stack_environment(
        tmp / "var",
        TEST_KEY,
        RASA_TIMEOUT_SECONDS="8",
        IDENTITY_HASH_KEY=TEST_IDENTITY_KEY,
        RASA_AUTH_TOKEN=RASA_TOKEN,
        **overrides,
    )


def webhook_environment(stack: RunningStack, telegram: TelegramStandIn, secret: str, **extra: str) -> dict[str, str]:
    """A webhook-mode bot's environment on a free port, using `stack`'s Rasa and database."""
    return stack.env | {
        "TELEGRAM_BOT_TOKEN": TEST_TOKEN,
        "TELEGRAM_API_BASE_URL": telegram.base_url,
        "RASA_URL": stack.rasa_url,
        "TELEGRAM_WEBHOOK_URL": "https://bansos.example.org/telegram",
        "TELEGRAM_WEBHOOK_SECRET": secret,
        "WEBHOOK_PORT": str(free_port()),
        **extra,
    }


@contextlib.asynccontextmanager
async def webhook_bot(env: dict[str, str], log_path: Path) -> AsyncIterator[str]:
    """`python -m bot` in webhook mode (`env` has TELEGRAM_WEBHOOK_URL and WEBHOOK_PORT), as a
    replica behind a load balancer runs it; yields the URL it takes updates at, once it answers."""
    url = f"http://127.0.0.1:{env['WEBHOOK_PORT']}/telegram"
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log
        )
        try:
            async with httpx.AsyncClient() as client:
                for _ in range(100):
                    try:
                        await client.post(url, json={})
                        break
                    except httpx.TransportError:
                        assert process.returncode is None, log_path.read_text()[-3000:]
                        await asyncio.sleep(0.2)
            yield url
        finally:
            if process.returncode is None:
                process.terminate()
            await process.wait()


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """Train once per test session (or reuse the cached model for unchanged training data)."""
    return ensure_model(get_settings().models_dir)


@pytest.fixture(scope="session")
async def standin() -> AsyncIterator[TelegramStandIn]:
    async with TelegramStandIn(token=TEST_TOKEN) as server:
        yield server


@pytest.fixture(scope="module")
async def own_standin() -> AsyncIterator[TelegramStandIn]:
    """A Telegram stand-in for one test module's own stack: two bots polling one stand-in would
    take each other's updates. Module scope gives each module that asks for it a new one."""
    async with TelegramStandIn(token=TEST_TOKEN) as server:
        yield server


@contextlib.asynccontextmanager
async def running_stack(standin: TelegramStandIn, tmp: Path, **overrides: str) -> AsyncIterator[RunningStack]:
    """`python -m ops.stack` with a token, polling `standin`, as `make run` would run it."""
    content_dir = tmp / "content"  # a copy, so the /reload test can edit it
    shutil.copytree(PROJECT_ROOT / "content", content_dir)
    env, marker = e2e_environment(
        tmp,
        TELEGRAM_BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_BASE_URL=standin.base_url,
        ADMIN_TELEGRAM_IDS=str(STAFF_ID),
        CONTENT_DIR=str(content_dir),
        **overrides,
    )
    log_path = tmp / "stack.log"
    process = await start_stack(env, log_path)
    running = RunningStack(
        process=process,
        env=env,
        marker=marker,
        var_dir=Path(env["VAR_DIR"]),
        rasa_url=f"http://127.0.0.1:{env['RASA_PORT']}",
        log_path=log_path,
        content_dir=content_dir,
    )
    try:
        await wait_until_polling(standin, process, log_path)
        yield running
    finally:
        code = await stop_stack(process)
        await asyncio.sleep(0.5)
        leftovers = kill_marked(marker)
        assert leftovers == [], f"processes left behind after stopping the stack: {leftovers}"
        assert code == 0, f"stack exited with {code}; see {log_path}"


@pytest.fixture(scope="session")
async def stack(
    trained_model: Path, standin: TelegramStandIn, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningStack]:
    """The stack most e2e tests share."""
    async with running_stack(standin, tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest.fixture(scope="session")
async def publishing_standin() -> AsyncIterator[TelegramStandIn]:
    """The publishing stack's own Telegram: two bots polling one stand-in would take each other's
    updates, and "someone polled" would not mean that this stack is ready."""
    async with TelegramStandIn(token=TEST_TOKEN) as server:
        yield server


@pytest.fixture(scope="session")
async def publishing_stack(
    trained_model: Path, publishing_standin: TelegramStandIn, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningStack]:
    """A second stack for the tests that publish content (a published revision replaces the files
    for good, which the shared stack's /reload test must not see) and the console's browser tests.
    Residents talk to it through `publishing_standin`."""
    async with running_stack(publishing_standin, tmp_path_factory.mktemp("publishing")) as running:
        yield running


_chat_ids = iter(range(910_000_001, 920_000_000))


@pytest.fixture
def chat_id() -> int:
    """A fresh private chat per test, so conversations don't leak into each other."""
    return next(_chat_ids)
