"""A resident talks to the real stack through the Telegram stand-in."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import time

import httpx
import pytest
from sqlalchemy import create_engine, text

from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack
from tests.e2e.transcript import button_data, shown_buttons

pytestmark = pytest.mark.e2e
REPLY_TIMEOUT = 30.0
BUSY_DEADLINE_SECONDS = 10.0


async def ask(standin: TelegramStandIn, chat_id: int, message: str, count: int = 1) -> list:
    if message.startswith("/"):
        standin.send_command(chat_id, message)
    else:
        standin.send_text(chat_id, message)
    return await standin.wait_for_bot_messages(chat_id, count=count, timeout=REPLY_TIMEOUT)


async def tracker_events(stack: RunningStack, conversation_id: str) -> list[dict]:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{stack.rasa_url}/conversations/{conversation_id}/tracker", params=stack.rasa_auth)
    response.raise_for_status()
    return response.json()["events"]


async def test_start_greets_in_indonesian_and_offers_a_menu(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [reply] = await ask(standin, chat_id, "/start")
    assert reply.text.startswith("Halo!")
    assert "Info Bansos Jakarta" in reply.text
    assert shown_buttons(reply)[0] == [("Apa itu DTKS / DTSEN?", "/tanya_dtks")]
    assert len(reply.buttons) >= 4, "the menu should offer the main topics"


async def test_dtks_question_is_answered_with_the_switch_to_dtsen(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [reply] = await ask(standin, chat_id, "apa itu DTKS?")
    assert "DTSEN" in reply.text
    assert "Sejak 2025" in reply.text
    assert "Pendaftaran DTKS yang lama sudah ditutup" in reply.text
    assert "ℹ️ Info per Februari 2026." in reply.text, "the month the facts were checked"


async def test_pressing_a_menu_button_answers_and_removes_the_keyboard(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [menu] = await ask(standin, chat_id, "/start")
    data = button_data(menu, "/tanya_dtks")
    query_id = standin.press_button(chat_id, menu.message_id, data)
    [reply] = await standin.wait_for_bot_messages(chat_id, timeout=REPLY_TIMEOUT)
    assert "DTSEN" in reply.text
    assert query_id in [c["callback_query_id"] for c in standin.answered_callbacks]
    shown = {m.message_id: m for m in standin.messages(chat_id)}
    assert shown[menu.message_id].reply_markup is None, "the menu can still be pressed twice"
    with pytest.raises(ValueError, match="no button"):  # a resident cannot press a removed button
        standin.press_button(chat_id, menu.message_id, data)


async def test_unrelated_message_gets_a_polite_answer_not_a_guess(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [reply] = await ask(standin, chat_id, "resep rendang padang yang enak gimana ya")
    assert reply.text.startswith("Maaf")
    assert "DTSEN" not in reply.text


async def test_unknown_command_is_explained(stack: RunningStack, standin: TelegramStandIn, chat_id: int) -> None:
    [reply] = await ask(standin, chat_id, "/hadiah")
    assert "perintah itu tidak saya kenal" in reply.text
    assert "/start" in reply.text


async def test_photo_gets_told_what_the_bot_can_read(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    standin.send_non_text(chat_id, "photo")
    [reply] = await standin.wait_for_bot_messages(chat_id, timeout=REPLY_TIMEOUT)
    assert "hanya bisa membaca pesan tulisan" in reply.text


async def test_rasa_sees_a_pseudonym_and_no_identity_number(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    await ask(standin, chat_id, "nik saya 3175 0912 3456 0012, apa itu dtks?")
    await ask(standin, chat_id, "batal")
    await ask(standin, chat_id, "apa itu dtks?")
    events = await tracker_events(stack, stack.sender_for(chat_id))
    user_texts = [e["text"] for e in events if e["event"] == "user"]
    assert len(user_texts) == 3
    assert re.fullmatch(r"nik saya nomorref[a-z0-9]{10}, apa itu dtks\?", user_texts[0])
    assert not [e for e in await tracker_events(stack, str(chat_id)) if e["event"] == "user"]
    engine = create_engine(f"sqlite:///{stack.var_dir / 'infobansos.sqlite3'}")
    with engine.connect() as connection:
        senders = set(connection.scalars(text("select sender from turn_log")))
    assert stack.sender_for(chat_id) in senders
    assert str(chat_id) not in "".join(senders)
    for log in (stack.var_dir / "log").glob("*.log"):
        assert "3175091234560012" not in log.read_text().replace(" ", ""), f"NIK in clear in {log}"


async def crash_and_expect_busy(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int, service: str, question: str
) -> None:
    """SIGKILL a service, then ask: the resident hears "busy" within the deadline, never silence."""
    for pid in stack.pids(service):
        os.kill(pid, signal.SIGKILL)
    started = time.monotonic()
    [reply] = await ask(standin, chat_id, question)
    assert time.monotonic() - started < BUSY_DEADLINE_SECONDS
    assert "Maaf, layanan sedang sibuk" in reply.text


async def test_crashed_action_server_means_busy_reply_then_recovery(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    await crash_and_expect_busy(stack, standin, chat_id, "actions", "apa itu DTKS?")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        [reply] = await ask(standin, chat_id, "apa itu DTKS?")
        if "DTSEN" in reply.text:
            break
        await asyncio.sleep(2)
    assert "DTSEN" in reply.text, "the stack did not recover after the action server crashed"
    assert "stopped unexpectedly" in stack.log_path.read_text()


async def test_rasa_killed_mid_conversation_means_busy_then_the_conversation_goes_on(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [before] = await ask(standin, chat_id, "kartu lansia jakarta itu apa?")
    assert "KLJ" in before.text
    await crash_and_expect_busy(stack, standin, chat_id, "rasa", "syaratnya apa?")
    await stack.rasa_answers(timeout=180)  # the supervisor restarts Rasa; it needs a while to load
    [reply] = await ask(standin, chat_id, "syaratnya apa?")
    # The tracker store is on disk, so the restarted Rasa still knows the talk was about KLJ.
    assert "60 tahun" in reply.text, f"no recovery, or the conversation was forgotten: {reply.text[:200]}"
