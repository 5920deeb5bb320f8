"""Turns Rasa replies into Telegram messages: HTML-escaped text and inline keyboards.

A button's callback data comes back from the resident's Telegram client, which can send any
data it likes; only payloads the bot issued may reach Rasa. A payload that fits Telegram's
64 bytes travels with an HMAC signature (no memory needed, and it survives a restart); a longer
one is kept here, in a bounded table, and the button carries a short key instead.

Telegram limits a message to 4096 characters, so a longer answer is sent as several messages,
cut between paragraphs where possible, with the buttons under the last.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode

from bot.rasa_client import BotReply

PARSE_MODE = ParseMode.HTML
CALLBACK_DATA_MAX_BYTES = 64
LONG_PAYLOAD_PREFIX = "#"
SIGNATURE_SEPARATOR = "|"
SIGNATURE_BYTES = 12  # 96 bits, 16 characters: room for the payload within 64 bytes
KEY_LABEL = b"infobansos telegram button callback"  # a key of its own, derived from the pseudonym key
MAX_REMEMBERED_PAYLOADS = 10_000
TELEGRAM_MAX_CHARS = 4096


@dataclass(frozen=True)
class OutgoingMessage:
    text: str
    reply_markup: InlineKeyboardMarkup | None = None


class ButtonPayloads:
    """Maps button callback data back to the Rasa payload it stands for, if the bot issued it."""

    def __init__(self, key: bytes) -> None:
        self._key = hmac.new(key, KEY_LABEL, hashlib.sha256).digest()
        self._long: dict[str, str] = {}

    def _signature(self, payload: str) -> str:
        digest = hmac.new(self._key, payload.encode(), hashlib.sha256).digest()[:SIGNATURE_BYTES]
        return base64.urlsafe_b64encode(digest).decode()

    def callback_data(self, payload: str) -> str:
        signed = f"{payload}{SIGNATURE_SEPARATOR}{self._signature(payload)}"
        if len(signed.encode()) <= CALLBACK_DATA_MAX_BYTES and not payload.startswith(LONG_PAYLOAD_PREFIX):
            return signed
        key = LONG_PAYLOAD_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:20]
        if len(self._long) >= MAX_REMEMBERED_PAYLOADS:
            self._long.pop(next(iter(self._long)))
        self._long[key] = payload
        return key

    def payload(self, callback_data: str) -> str | None:
        """The Rasa payload; None when the bot did not issue it, or has forgotten a long one (restart)."""
        if callback_data.startswith(LONG_PAYLOAD_PREFIX):
            return self._long.get(callback_data)
        payload, separator, signature = callback_data.rpartition(SIGNATURE_SEPARATOR)
        if separator and hmac.compare_digest(signature.encode(), self._signature(payload).encode()):
            return payload
        return None


def shown_payload(callback_data: str) -> str:
    """The payload a signed button carries, unchecked: for tests and tools that read buttons."""
    payload, separator, _ = callback_data.rpartition(SIGNATURE_SEPARATOR)
    return payload if separator else callback_data


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


def _pieces(text: str, separator: str, limit: int) -> list[str]:
    """Greedy packing of `separator`-joined parts into pieces whose escaped length fits `limit`."""
    pieces: list[str] = []
    for part in text.split(separator):
        candidate = f"{pieces[-1]}{separator}{part}" if pieces else part
        if pieces and len(html.escape(candidate, quote=False)) <= limit:
            pieces[-1] = candidate
        elif len(html.escape(part, quote=False)) <= limit:
            pieces.append(part)
        elif separator == "\n\n":
            pieces += _pieces(part, "\n", limit)
        elif separator == "\n":
            pieces += _pieces(part, " ", limit)
        else:  # one word longer than a message: cut it
            step = limit // 5  # html.escape makes a character at most 5 long ("&amp;")
            pieces += [part[i : i + step] for i in range(0, len(part), step)]
    return pieces


def split_text(text: str, limit: int = TELEGRAM_MAX_CHARS) -> list[str]:
    """The text in pieces of at most `limit` characters once escaped: by paragraph, line, then word."""
    return [piece for piece in _pieces(text, "\n\n", limit) if piece.strip()] or [text]


def render_reply(
    reply: BotReply,
    payloads: ButtonPayloads,
    footer: str = "",
    extra_row: Sequence[InlineKeyboardButton] = (),
) -> list[OutgoingMessage]:
    """One Rasa reply as Telegram messages, text escaped for the HTML parse mode.

    The buttons, then `extra_row` side by side, go under the last message, which ends with `footer`.
    """
    rows = [[InlineKeyboardButton(b.title, callback_data=payloads.callback_data(b.payload))] for b in reply.buttons]
    if extra_row:
        rows.append(list(extra_row))
    markup = InlineKeyboardMarkup(rows) if rows else None
    pieces = split_text(f"{reply.text}\n\n{footer}" if footer else reply.text)
    return [
        OutgoingMessage(text=html.escape(piece, quote=False), reply_markup=markup if i == len(pieces) - 1 else None)
        for i, piece in enumerate(pieces)
    ]
