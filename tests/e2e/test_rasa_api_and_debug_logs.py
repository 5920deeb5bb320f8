"""Issue 13: Rasa's HTTP API needs its token, and a DEBUG stack's logs hold no NIK, phone or e-mail.

Both run against one stack of their own started with LOG_LEVEL=DEBUG (and their own stand-in, so
they never share updates with the session's stack).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from standin.server import TelegramStandIn
from tests.e2e.conftest import TEST_TOKEN, RunningStack, running_stack
from tests.e2e.test_conversation import ask
from tests.e2e.test_feedback_buttons import logged_when_done

pytestmark = pytest.mark.e2e
CHAT_ID = 940_000_001
NIK = "3175091507800021"
PHONE = "0813-9876-5432"
EMAIL = "budi.santoso77@contoh.id"


@pytest.fixture(scope="session")
async def debug_stack(
    trained_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[RunningStack, TelegramStandIn]]:
    async with (
        TelegramStandIn(token=TEST_TOKEN) as telegram,
        running_stack(telegram, tmp_path_factory.mktemp("debug-stack"), LOG_LEVEL="DEBUG") as running,
    ):
        yield running, telegram


async def test_rasas_http_api_answers_401_without_the_token(debug_stack: tuple[RunningStack, TelegramStandIn]) -> None:
    stack, telegram = debug_stack
    await ask(telegram, CHAT_ID, "kartu lansia jakarta itu apa?")  # a conversation to look at
    tracker = f"{stack.rasa_url}/conversations/{stack.sender_for(CHAT_ID)}/tracker"
    async with httpx.AsyncClient(timeout=10) as client:
        for url in (f"{stack.rasa_url}/status", tracker):
            assert (await client.get(url)).status_code == 401, url
            assert (await client.get(url, params={"token": "salah"})).status_code == 401, url
            assert (await client.get(url, params=stack.rasa_auth)).status_code == 200, url


async def test_a_debug_run_logs_no_nik_phone_or_email(debug_stack: tuple[RunningStack, TelegramStandIn]) -> None:
    stack, telegram = debug_stack
    chat_id = CHAT_ID + 1
    await ask(telegram, chat_id, f"tolong cek nik {NIK} ya")
    await ask(telegram, chat_id, "batal")
    await ask(telegram, chat_id, f"hubungi saya di {PHONE} atau {EMAIL}, kapan klj cair?")
    await logged_when_done(stack, stack.sender_for(chat_id), 3)
    await asyncio.sleep(1.0)  # let the processes flush their logs
    logs = {path.name: path.read_text(errors="replace") for path in (stack.var_dir / "log").glob("*.log")}
    logs["stack.log"] = stack.log_path.read_text(errors="replace")
    assert {"bot.log", "actions.log", "rasa.log"} <= logs.keys()
    assert " DEBUG " in logs["bot.log"] and "DEBUG" in logs["actions.log"], "the run really logged at DEBUG"
    digits = [re.sub(r"\D", "", NIK), re.sub(r"\D", "", PHONE)]
    for name, content in logs.items():
        squeezed = re.sub(r"[\s.\-]", "", content)
        for value in (NIK, PHONE, EMAIL, "contoh.id", *digits):
            assert value not in content and value not in squeezed, f"{value} in {name}"
        assert TEST_TOKEN not in content, f"the bot token in {name}"
