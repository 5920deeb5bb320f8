"""Issue 5.5: flood control per resident, and a chat's messages answered in the order sent."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import time
from pathlib import Path

import pytest

from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack
from tests.e2e.test_conversation import tracker_events

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


async def test_three_flooding_chats_cannot_stall_a_fourth_resident(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    """Issue 13.7: 3 chats send 100 messages each at once; another resident is answered within 2 s."""
    flooders = [chat_id + offset for offset in (20_000_000, 30_000_000, 40_000_000)]
    for i in range(100):
        for flooder in flooders:
            standin.send_text(flooder, f"halo {i}")
    started = time.monotonic()
    standin.send_text(chat_id, "syarat klj apa")
    [reply] = await standin.wait_for_bot_messages(chat_id, timeout=30.0)
    waited = time.monotonic() - started
    assert "60 tahun" in reply.text
    assert waited < 2.0, f"the resident waited {waited:.1f} s behind the flood"
    # Let the flood drain (20 answers and one slow-down each, paced about 1 a second per chat).
    for flooder in flooders:
        await standin.wait_for_bot_messages(flooder, count=21, timeout=90.0)
    await asyncio.sleep(2.0)
    for flooder in flooders:
        texts = [m.text for m in standin.messages(flooder)]
        assert len(texts) == 21 and sum("Pelan-pelan" in t for t in texts) == 1


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


async def test_answers_to_one_chat_are_paced_about_one_a_second_without_tripping_telegrams_limit(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    """Telegram allows about one message a second per chat; here it answers 429 inside 0.9 s."""
    standin.flood_limit_per_chat = 0.9
    errors_before = len(standin.errors)
    try:
        for question in ("halo", "apa itu dtks?", "syarat klj apa", "makasih"):
            standin.send_text(chat_id, question)
        replies = await standin.wait_for_bot_messages(chat_id, count=4, timeout=60.0)
    finally:
        standin.flood_limit_per_chat = None
    sent_at = [message.sent_at for message in replies]
    assert all(later - earlier >= 0.9 for earlier, later in itertools.pairwise(sent_at)), sent_at
    assert "DTSEN" in replies[1].text and "60 tahun" in replies[2].text
    assert standin.errors[errors_before:] == [], "no 429 (or any other error) from Telegram"


async def test_stopping_the_bot_finishes_the_reply_in_flight(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    """SIGTERM (a deploy, a restart) while Rasa is still thinking: the resident still gets the answer."""
    [rasa] = stack.pids("rasa")
    [bot] = stack.pids("bot")
    os.kill(rasa, signal.SIGSTOP)  # Rasa "thinking" for as long as the test needs
    try:
        standin.send_text(chat_id, "syarat klj apa")
        deadline = time.monotonic() + 15
        while not standin.chat_actions(chat_id) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert standin.chat_actions(chat_id), "the bot never started on the message"
        os.kill(bot, signal.SIGTERM)
        await asyncio.sleep(1.0)
    finally:
        os.kill(rasa, signal.SIGCONT)
    [reply] = await standin.wait_for_bot_messages(chat_id, timeout=15.0)
    assert "60 tahun" in reply.text, reply.text
    deadline = time.monotonic() + 15
    while Path(f"/proc/{bot}").exists() and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert not Path(f"/proc/{bot}").exists(), "the bot did not stop after its last reply"
    # The supervisor starts the bot again; the next resident is answered as usual.
    standin.send_text(chat_id + 5_000_000, "apa itu dtks?")
    [after] = await standin.wait_for_bot_messages(chat_id + 5_000_000, timeout=60.0)
    assert "DTSEN" in after.text
