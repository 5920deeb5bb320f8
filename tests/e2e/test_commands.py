"""Issue 5.1: the command menu, the description, and the commands a resident can use."""

from __future__ import annotations

import sqlite3

import pytest

from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack
from tests.e2e.test_conversation import ask, tracker_events
from tests.e2e.transcript import shown_buttons

pytestmark = pytest.mark.e2e
MENU = ["start", "menu", "bantuan", "kelayakan", "status", "privasi", "hapusdata", "batal"]


async def test_commands_and_description_are_registered_in_indonesian(
    stack: RunningStack, standin: TelegramStandIn
) -> None:
    [commands] = [c for key, c in standin.commands.items() if key[1] == ""]
    assert [c["command"] for c in commands] == MENU
    assert dict((c["command"], c["description"]) for c in commands)["status"] == "Cek status pengajuan bansos"
    assert "bantuan sosial" in standin.descriptions[""]
    assert "bansos" in standin.short_descriptions[""]


async def test_menu_and_help_and_privacy_commands(stack: RunningStack, standin: TelegramStandIn, chat_id: int) -> None:
    [menu] = await ask(standin, chat_id, "/menu")
    assert menu.text.startswith("Halo!")
    menu_buttons = [b for row in shown_buttons(menu) for b in row]
    assert ("Cek status", "/cek_status") in menu_buttons and ("Cek kelayakan", "/cek_kelayakan") in menu_buttons
    [help_text] = await ask(standin, chat_id, "/bantuan")
    assert "/status" in help_text.text and "/hapusdata" in help_text.text and "/kelayakan" in help_text.text
    [privacy] = await ask(standin, chat_id, "/privasi")
    assert "Data Anda di bot ini" in privacy.text and "disamarkan" in privacy.text


def _answer_rows(stack: RunningStack, sender: str) -> int:
    with sqlite3.connect(stack.var_dir / "infobansos.sqlite3") as connection:
        return connection.execute("select count(*) from turn_log where sender = ?", (sender,)).fetchone()[0]


async def test_hapusdata_asks_first_then_deletes_the_conversation_and_the_log(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    sender = stack.sender_for(chat_id)
    await ask(standin, chat_id, "syarat klj apa")
    [question] = await ask(standin, chat_id, "/hapusdata")
    assert "tidak bisa dibatalkan" in question.text
    standin.press_button(chat_id, question.message_id, "hapusdata:tidak")
    [kept] = await standin.wait_for_bot_messages(chat_id)
    assert "tidak dihapus" in kept.text
    assert _answer_rows(stack, sender) == 1
    [question] = await ask(standin, chat_id, "/hapusdata")
    standin.press_button(chat_id, question.message_id, "hapusdata:ya")
    [done] = await standin.wait_for_bot_messages(chat_id)
    assert "sudah dihapus" in done.text
    assert standin.messages(chat_id)[-2].buttons == [], "the question's buttons are gone"
    assert _answer_rows(stack, sender) == 0
    assert not [e for e in await tracker_events(stack, sender) if e["event"] == "user"]
