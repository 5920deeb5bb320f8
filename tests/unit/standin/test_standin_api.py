"""The Bot API methods the stand-in answers (standin/api.py), driven with PTB's own Bot."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, RetryAfter

from standin.server import TelegramStandIn
from tests.unit.standin.ptb_client import CHAT, KEYBOARD


@pytest.mark.asyncio
async def test_get_me_describes_the_bot(bot: Bot, standin: TelegramStandIn) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username, me.can_join_groups) == (123456789, True, "standin_bot", True)
    assert standin.calls[0] == ("getMe", {})


@pytest.mark.asyncio
async def test_get_updates_offset_confirms_and_limit_caps(bot: Bot, standin: TelegramStandIn) -> None:
    first, second = standin.send_text(CHAT, "a"), standin.send_text(CHAT, "b")
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [first["update_id"], second["update_id"]]
    assert len(await bot.get_updates(timeout=0)) == 2, "unconfirmed updates are delivered again"
    assert [u.message.text for u in await bot.get_updates(offset=second["update_id"], timeout=0)] == ["b"]
    assert await bot.get_updates(offset=second["update_id"] + 1, timeout=0) == ()
    assert standin.pending_updates == 0
    standin.send_text(CHAT, "c")
    standin.send_text(CHAT, "d")
    assert [u.message.text for u in await bot.get_updates(limit=1, timeout=0)] == ["c"]


@pytest.mark.asyncio
async def test_long_poll_waits_for_timeout_or_next_update(bot: Bot, standin: TelegramStandIn) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9
    asyncio.get_running_loop().call_later(0.2, standin.send_text, CHAT, "baru")
    started = time.monotonic()
    [update] = await bot.get_updates(timeout=5)
    assert update.message.text == "baru"
    assert time.monotonic() - started < 2


@pytest.mark.asyncio
async def test_bot_message_listeners_see_each_sent_message_once(bot: Bot, standin: TelegramStandIn) -> None:
    heard: list[tuple[int, str]] = []
    standin.bot_message_listeners.append(lambda message: heard.append((message.chat_id, message.text)))
    await bot.send_message(CHAT, "satu")
    sent = await bot.send_message(CHAT, "dua")
    await bot.edit_message_text("dua diedit", chat_id=CHAT, message_id=sent.message_id)
    with pytest.raises(BadRequest):
        await bot.send_message(CHAT, "")
    assert heard == [(CHAT, "satu"), (CHAT, "dua")], "only new messages, not edits or rejected sends"


@pytest.mark.asyncio
async def test_callback_query_can_be_answered_once(bot: Bot, standin: TelegramStandIn) -> None:
    sent = await bot.send_message(CHAT, "Pilih", reply_markup=KEYBOARD)
    query_id = standin.press_button(CHAT, sent.message_id, "ya")
    [update] = await bot.get_updates(timeout=0)
    assert (update.callback_query.id, update.callback_query.data) == (query_id, "ya")
    assert update.callback_query.message.message_id == sent.message_id
    assert await bot.answer_callback_query(query_id, text="Oke")
    for stale in (query_id, "123"):
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_callback_query(stale)


@pytest.mark.asyncio
async def test_edit_and_delete_rules(bot: Bot, standin: TelegramStandIn) -> None:
    sent = await bot.send_message(CHAT, "Versi 1", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Versi 1", CHAT, sent.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("Versi 2", CHAT, sent.message_id + 50)
    edited = await bot.edit_message_text("<i>Versi 2</i>", CHAT, sent.message_id, parse_mode=ParseMode.HTML)
    assert edited.edit_date is not None
    [record] = standin.messages(CHAT)
    assert (record.text, record.raw_text, record.edited, record.reply_markup) == (
        "Versi 2",
        "<i>Versi 2</i>",
        True,
        None,
    )
    assert await bot.delete_message(CHAT, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(CHAT, sent.message_id)


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own retry_after access
async def test_flood_limit_surfaces_as_retry_after() -> None:
    async with TelegramStandIn(flood_limit_per_chat=3) as server, Bot(server.token, base_url=server.base_url) as bot:
        server.add_chat(CHAT)
        server.add_chat(-100200, "group")
        await bot.send_message(CHAT, "satu")
        with pytest.raises(RetryAfter, match="Retry in 3 seconds"):
            await bot.send_message(CHAT, "dua")
        assert server.errors[-1]["parameters"] == {"retry_after": 3}
        for text in ("grup satu", "grup dua"):  # the limit mimics Telegram's per-private-chat rate
            await bot.send_message(-100200, text)


@pytest.mark.asyncio
async def test_commands_and_descriptions_are_recorded(bot: Bot, standin: TelegramStandIn) -> None:
    commands = [BotCommand("start", "Mulai"), BotCommand("bantuan", "Bantuan")]
    assert await bot.set_my_commands(commands)
    await bot.set_my_commands(commands[:1], scope=BotCommandScopeAllPrivateChats(), language_code="id")
    assert standin.commands[("default", "")] == [
        {"command": "start", "description": "Mulai"},
        {"command": "bantuan", "description": "Bantuan"},
    ]
    assert standin.commands[("all_private_chats", "id")] == [{"command": "start", "description": "Mulai"}]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "bantuan"]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Start-Now", "x")])
    await bot.delete_my_commands()
    assert ("default", "") not in standin.commands
    await bot.set_my_description("Info bansos Jakarta")
    await bot.set_my_short_description("Tanya bansos")
    assert (standin.description, standin.short_description) == ("Info bansos Jakarta", "Tanya bansos")
    assert (await bot.get_my_description()).description == "Info bansos Jakarta"


@pytest.mark.asyncio
async def test_chat_must_exist_and_chat_actions_are_checked(bot: Bot, standin: TelegramStandIn) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(31337, "halo")
    assert await bot.send_chat_action(CHAT, ChatAction.TYPING)
    with pytest.raises(BadRequest):
        await bot.send_chat_action(CHAT, "dancing")
    assert standin.chat_actions(CHAT) == ["typing"]
