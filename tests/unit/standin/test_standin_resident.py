"""The resident's side of the stand-in (standin/resident.py): messages, replies and button presses a bot receives."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler
from telegram.ext import filters as flt

from standin.server import TelegramStandIn
from tests.unit.standin.ptb_client import CHAT, KEYBOARD, eventually, polling_app


@pytest.mark.asyncio
async def test_button_press_reaches_callback_handler(standin: TelegramStandIn) -> None:
    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        buttons = [
            [InlineKeyboardButton("Ya", callback_data="ya"), InlineKeyboardButton("Situs", url="https://jakarta.go.id")]
        ]
        await update.message.reply_text("Pilih:", reply_markup=InlineKeyboardMarkup(buttons))

    async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer("Oke")
        await query.edit_message_text(f"Dipilih: {query.data}")  # no reply_markup: Telegram drops the keyboard

    async with polling_app(standin, CommandHandler("start", menu), CallbackQueryHandler(chosen)):
        standin.send_command(2002, "/start")
        [shown] = await standin.wait_for_bot_messages(2002, timeout=5)
        assert shown.buttons == [[("Ya", "ya"), ("Situs", "https://jakarta.go.id")]]
        query_id = standin.press_button(2002, shown.message_id, "ya")
        await eventually(lambda: shown.edited)
    assert standin.answered_callbacks == [{"callback_query_id": query_id, "text": "Oke", "show_alert": False}]
    assert (shown.text, shown.buttons) == ("Dipilih: ya", [])
    with pytest.raises(ValueError, match="no button"):
        standin.press_button(2002, shown.message_id, "ya")
    assert standin.errors == []


@pytest.mark.asyncio
async def test_buttons_that_are_gone_cannot_be_pressed(bot: Bot, standin: TelegramStandIn) -> None:
    sent = await bot.send_message(CHAT, "Pilih", reply_markup=KEYBOARD)
    with pytest.raises(ValueError, match="no button"):
        standin.press_button(CHAT, sent.message_id, "tidak")
    await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=None)
    with pytest.raises(ValueError, match="no button"):
        standin.press_button(CHAT, sent.message_id, "ya")
    again = await bot.send_message(CHAT, "Pilih lagi", reply_markup=KEYBOARD)
    await bot.delete_message(CHAT, again.message_id)
    with pytest.raises(ValueError, match="deleted"):
        standin.press_button(CHAT, again.message_id, "ya")
    assert [m.deleted for m in standin.messages(CHAT)] == [False, True]


@pytest.mark.asyncio
async def test_non_text_messages_reach_handlers(standin: TelegramStandIn) -> None:
    kinds = ("photo", "sticker", "voice", "location", "contact", "document")

    async def describe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        kind = next(k for k in kinds if getattr(message, k))
        detail = f" {len(message.photo)} {message.photo[-1].width}" if message.photo else ""
        await message.reply_text(kind + detail)

    async with polling_app(standin, MessageHandler(~flt.TEXT, describe)):
        standin.send_photo(3003)
        for kind in kinds[1:]:
            standin.send_non_text(3003, kind)
        replies = await standin.wait_for_bot_messages(3003, count=len(kinds), timeout=5)
    assert [m.text for m in replies] == ["photo 3 1280", *kinds[1:]]
    assert standin.errors == []


@pytest.mark.asyncio
async def test_wait_for_bot_messages_keeps_a_cursor_and_explains_timeouts(bot: Bot, standin: TelegramStandIn) -> None:
    await bot.send_message(CHAT, "satu")
    await bot.send_message(CHAT, "dua")
    assert [m.text for m in await standin.wait_for_bot_messages(CHAT, count=2, timeout=1)] == ["satu", "dua"]
    with pytest.raises(TimeoutError, match=r"got 0"):
        await standin.wait_for_bot_messages(CHAT, timeout=0.2)
    await bot.send_message(CHAT, "tiga")
    with pytest.raises(asyncio.TimeoutError, match=r"got 1: \['tiga'\]"):
        await standin.wait_for_bot_messages(CHAT, count=2, timeout=0.2)


@pytest.mark.asyncio
async def test_resident_reply_and_dropped_updates(bot: Bot, standin: TelegramStandIn) -> None:
    sent = await bot.send_message(CHAT, "Siapa nama Anda?")
    standin.send_text(CHAT, "Budi", reply_to_bot=True)
    standin.send_text(-100300, "halo grup", chat_type="group", user_id=77, first_name="Sari")
    reply, group = await bot.get_updates(timeout=0)
    assert reply.message.reply_to_message.message_id == sent.message_id
    assert (group.message.chat.type, group.message.chat.title, group.message.from_user.id) == (
        "group",
        "Grup -100300",
        77,
    )
    await bot.delete_webhook(drop_pending_updates=True)
    assert standin.pending_updates == 0
