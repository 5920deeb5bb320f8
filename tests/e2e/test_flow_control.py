"""Issue 5.5: flood control per resident, and a chat's messages answered in the order sent."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.conftest import RunningStack
from tests.e2e.test_conversation import tracker_events
from tools.telegram_standin import TelegramStandIn

pytestmark = pytest.mark.e2e


async def test_more_than_twenty_messages_a_minute_get_one_slow_down_and_no_rasa_calls(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    for i in range(25):
        standin.send_text(chat_id, f"halo {i}")
    await standin.wait_for_bot_messages(chat_id, count=21, timeout=90.0)
    await asyncio.sleep(2.0)
    texts = [m.text for m in standin.messages(chat_id)]
    assert sum("Pelan-pelan" in t for t in texts) == 1
    assert len(texts) == 21
    user_events = [e for e in await tracker_events(stack, stack.sender_for(chat_id)) if e["event"] == "user"]
    assert len(user_events) == 20


async def test_messages_sent_together_are_answered_in_order(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    questions = ["syarat klj apa", "kjp plus sd dapet berapa", "apa itu dtks?", "makasih ya"]
    for question in questions:
        standin.send_text(chat_id, question)
    replies = await standin.wait_for_bot_messages(chat_id, count=len(questions), timeout=60.0)
    assert "60 tahun" in replies[0].text
    assert "Rp" in replies[1].text
    assert "DTSEN" in replies[2].text
    assert "sama-sama" in replies[3].text.lower() or "terima kasih" in replies[3].text.lower()
