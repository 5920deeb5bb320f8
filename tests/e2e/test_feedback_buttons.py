"""Issue 5.3: "Apakah jawaban ini membantu?" under factual answers, stored in the question log."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack
from tests.e2e.test_conversation import ask

pytestmark = pytest.mark.e2e
QUESTION = "Apakah jawaban ini membantu?"


def logged_turns(stack: RunningStack, sender: str) -> list[sqlite3.Row]:
    with sqlite3.connect(stack.var_dir / "infobansos.sqlite3") as connection:
        connection.row_factory = sqlite3.Row
        return connection.execute("select * from turn_log where sender = ? order by id", (sender,)).fetchall()


async def logged_when_done(stack: RunningStack, sender: str, count: int) -> list[sqlite3.Row]:
    """The turns once the bot has written its half of the last one (it does so after replying)."""
    for _ in range(100):
        turns = logged_turns(stack, sender)
        if len(turns) >= count and turns[-1]["latency_ms"] is not None:
            return turns
        await asyncio.sleep(0.1)
    return logged_turns(stack, sender)


def feedback_buttons(message) -> dict[str, str]:
    return {title: data for row in message.buttons for title, data in row if data.startswith("fb:")}


async def test_thumbs_down_is_stored_and_offers_other_topics_and_a_human(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [answer] = await ask(standin, chat_id, "syarat kartu lansia apa aja")
    assert "60 tahun" in answer.text and answer.text.endswith(QUESTION)
    buttons = feedback_buttons(answer)
    assert list(buttons) == ["👍 Membantu", "👎 Belum"]
    standin.press_button(chat_id, answer.message_id, buttons["👎 Belum"])
    [sorry] = await standin.wait_for_bot_messages(chat_id)
    assert "belum membantu" in sorry.text and "kata lain" in sorry.text
    titles = [title for row in sorry.buttons for title, _ in row]
    assert titles[-1] == "🙋 Tanya petugas" and len(titles) >= 2
    assert feedback_buttons(standin.messages(chat_id)[0]) == {}, "the row is gone, so it can't be pressed twice"
    [turn] = await logged_when_done(stack, stack.sender_for(chat_id), 1)
    assert (turn["text"], turn["intent"], turn["program"], turn["feedback"]) == (
        "syarat kartu lansia apa aja",
        "tanya_syarat",
        "klj",
        -1,
    )
    assert turn["outcome"] == "dijawab" and 0 < turn["latency_ms"] < 10_000
    standin.press_button(chat_id, sorry.message_id, dict(sorry.buttons[-1])["🙋 Tanya petugas"])
    [contact] = await standin.wait_for_bot_messages(chat_id)
    assert "171" in contact.text


async def test_thumbs_up_is_thanked_briefly_and_stored(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [answer] = await ask(standin, chat_id, "apa itu dtks?")
    query_id = standin.press_button(chat_id, answer.message_id, feedback_buttons(answer)["👍 Membantu"])
    for _ in range(50):
        answered = [q for q in standin.answered_callbacks if q.get("callback_query_id") == query_id]
        if answered:
            break
        await asyncio.sleep(0.1)
    assert answered and "Terima kasih" in (answered[0]["text"] or "")
    assert standin.new_messages(chat_id) == [], "a 👍 needs no extra message"
    [turn] = logged_turns(stack, stack.sender_for(chat_id))
    assert turn["feedback"] == 1


async def test_small_talk_and_numbers_in_the_log(stack: RunningStack, standin: TelegramStandIn, chat_id: int) -> None:
    [hello] = await ask(standin, chat_id, "halo")
    assert QUESTION not in hello.text and not feedback_buttons(hello)
    await ask(standin, chat_id, "kalo mau tanya wa ke 081234567890 bisa? email saya ani@contoh.id")
    texts = [turn["text"] for turn in await logged_when_done(stack, stack.sender_for(chat_id), 2)]
    assert texts == ["halo", "kalo mau tanya wa ke [TELEPON] bisa? email saya [EMAIL]"]
