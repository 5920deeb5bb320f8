"""Telegram's wire rules in the stand-in (standin/wire.py): what an inline keyboard may hold, seen through PTB."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from standin.server import TelegramStandIn
from tests.unit.standin.ptb_client import CHAT


@pytest.mark.asyncio
async def test_inline_buttons_are_validated(bot: Bot, standin: TelegramStandIn) -> None:
    def markup(**fields: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton("Tombol", **fields)]])

    await bot.send_message(CHAT, "ok", reply_markup=markup(callback_data="x" * 64))
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "65 bytes", reply_markup=markup(callback_data="x" * 65))
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):  # 33 characters but 66 UTF-8 bytes
        await bot.send_message(CHAT, "bytes", reply_markup=markup(callback_data="é" * 33))
    with pytest.raises(BadRequest):
        await bot.send_message(CHAT, "two actions", reply_markup=markup(callback_data="a", url="https://x.id"))
    with pytest.raises(BadRequest, match=r"(?i)text buttons are unallowed"):
        await bot.send_message(CHAT, "no action", reply_markup=markup())
    assert [m.text for m in standin.messages(CHAT)] == ["ok"]
