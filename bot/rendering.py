"""Turns Rasa replies into Telegram messages: HTML-escaped text and inline keyboards.

Telegram limits callback data to 64 bytes, so a longer payload is kept here and the button
carries a short key instead.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode

from bot.rasa_client import BotReply

PARSE_MODE = ParseMode.HTML
CALLBACK_DATA_MAX_BYTES = 64
LONG_PAYLOAD_PREFIX = "#"
MAX_REMEMBERED_PAYLOADS = 10_000


@dataclass(frozen=True)
class OutgoingMessage:
    text: str
    reply_markup: InlineKeyboardMarkup | None = None


class ButtonPayloads:
    """Maps button callback data back to the Rasa payload it stands for."""

    def __init__(self) -> None:
        self._long: dict[str, str] = {}

    def callback_data(self, payload: str) -> str:
        if len(payload.encode()) <= CALLBACK_DATA_MAX_BYTES and not payload.startswith(LONG_PAYLOAD_PREFIX):
            return payload
        key = LONG_PAYLOAD_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:20]
        if len(self._long) >= MAX_REMEMBERED_PAYLOADS:
            self._long.pop(next(iter(self._long)))
        self._long[key] = payload
        return key

    def payload(self, callback_data: str) -> str | None:
        """The Rasa payload, or None when a long payload has been forgotten (e.g. after a restart)."""
        if callback_data.startswith(LONG_PAYLOAD_PREFIX):
            return self._long.get(callback_data)
        return callback_data


def merge_replies(replies: list[BotReply]) -> list[BotReply]:
    """Rejoin what Rasa's REST channel split apart.

    Rasa sends each blank-line-separated paragraph of an answer as its own message; residents
    should get one answer as one Telegram message. A reply with buttons closes a group, so the
    buttons stay under the text they belong to.
    """
    merged: list[BotReply] = []
    for reply in replies:
        if merged and not merged[-1].buttons:
            merged[-1] = BotReply(f"{merged[-1].text}\n\n{reply.text}", reply.buttons)
        else:
            merged.append(reply)
    return merged


def render_reply(reply: BotReply, payloads: ButtonPayloads) -> OutgoingMessage:
    """One Rasa reply as one Telegram message, text escaped for the HTML parse mode."""
    markup = None
    if reply.buttons:
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton(b.title, callback_data=payloads.callback_data(b.payload))] for b in reply.buttons]
        )
    return OutgoingMessage(text=html.escape(reply.text, quote=False), reply_markup=markup)
