"""Sends replies to a chat: rendering (escaping, keyboards, splitting) is in `bot.rendering`."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton

from bot.rasa_client import BotReply
from bot.rendering import PARSE_MODE, ButtonPayloads, merge_replies, render_reply


async def send_replies(
    bot: Bot,
    chat_id: int,
    replies: list[BotReply],
    payloads: ButtonPayloads,
    footer: str = "",
    extra_row: Sequence[InlineKeyboardButton] = (),
) -> None:
    """Send the replies in order; `footer` and `extra_row` go under the very last message."""
    merged = merge_replies(replies)
    for index, reply in enumerate(merged):
        last = index == len(merged) - 1
        messages = render_reply(reply, payloads, footer if last else "", extra_row if last else ())
        for message in messages:
            await bot.send_message(chat_id, message.text, parse_mode=PARSE_MODE, reply_markup=message.reply_markup)
