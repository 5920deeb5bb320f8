"""Issue 5.6: webhook mode answers only requests carrying Telegram's secret-token header."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from standin.server import TelegramStandIn
from tests.e2e.conftest import TEST_TOKEN, RunningStack, webhook_bot, webhook_environment

pytestmark = pytest.mark.e2e
SECRET = "rahasia_webhook-42_" + "w" * 16  # at least 32 characters
CHAT_ID = 930_000_001


@pytest.fixture
async def webhook_replica(stack: RunningStack, tmp_path: Path) -> AsyncIterator[tuple[TelegramStandIn, str]]:
    """`python -m bot` in webhook mode, with its own Telegram stand-in, using the running stack's Rasa."""
    async with (
        TelegramStandIn(token=TEST_TOKEN) as telegram,
        webhook_bot(webhook_environment(stack, telegram, SECRET), tmp_path / "bot.log") as url,
    ):
        yield telegram, url


def _update(text: str) -> dict:
    chat = {"id": CHAT_ID, "type": "private", "first_name": "Warga"}
    sender = {"id": CHAT_ID, "is_bot": False, "first_name": "Warga"}
    return {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": chat, "from": sender, "text": text}}


async def test_requests_without_the_secret_are_refused_and_genuine_ones_answered(
    webhook_replica: tuple[TelegramStandIn, str],
) -> None:
    telegram, url = webhook_replica
    telegram.add_chat(CHAT_ID)
    async with httpx.AsyncClient() as client:
        missing = await client.post(url, json=_update("syarat klj apa"))
        wrong = await client.post(url, json=_update("syarat klj apa"), headers={"X-Telegram-Bot-Api-Secret-Token": "x"})
        assert (missing.status_code, wrong.status_code) == (403, 403)
        await asyncio.sleep(1.0)
        assert telegram.messages(CHAT_ID) == [], "a forged update got no answer"
        right = await client.post(
            url, json=_update("syarat klj apa"), headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
        )
        assert right.status_code == 200
    [reply] = await telegram.wait_for_bot_messages(CHAT_ID, timeout=30.0)
    assert "60 tahun" in reply.text
    assert telegram.webhook == {"url": "https://bansos.example.org/telegram", "secret_token": SECRET}
