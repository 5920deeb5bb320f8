"""Read a whole reply as the resident sees it: every message the bot sent for one turn, in order."""

from __future__ import annotations

import asyncio

from bot.rendering import shown_payload
from standin.server import TelegramStandIn
from standin.state import BotMessage

REPLY_TIMEOUT = 30.0
# The bot sends at most one message a second to a private chat (bot/rate_limits.py), so a reply
# of several messages has gaps of about a second; 2.5 s of quiet means the reply is over.
QUIET_SECONDS = 2.5


async def whole_reply(standin: TelegramStandIn, chat_id: int, text: str) -> list[BotMessage]:
    """Send `text` and return every message of the bot's reply once the bot has gone quiet."""
    standin.send_text(chat_id, text)
    return await reply_until_quiet(standin, chat_id)


async def reply_until_quiet(standin: TelegramStandIn, chat_id: int) -> list[BotMessage]:
    """Every message the bot sends from now until it has gone quiet (after a message or a button)."""
    messages = await standin.wait_for_bot_messages(chat_id, timeout=REPLY_TIMEOUT)
    while True:
        await asyncio.sleep(QUIET_SECONDS)
        more = standin.new_messages(chat_id)
        if not more:
            return messages
        messages += more


def payloads(message: BotMessage) -> list[str]:
    """The Rasa payloads behind the message's buttons (not the 👍/👎 row)."""
    return [shown_payload(data) for row in message.buttons for _, data in row if data.startswith("/")]


def shown_buttons(message: BotMessage) -> list[list[tuple[str, str]]]:
    """The buttons as (title, payload), without the signature the bot adds to callback data."""
    return [[(title, shown_payload(data)) for title, data in row] for row in message.buttons]


def button_data(message: BotMessage, payload: str) -> str:
    """The callback data (signed) of the button on `message` that carries `payload`."""
    return next(data for row in message.buttons for _, data in row if shown_payload(data) == payload)
