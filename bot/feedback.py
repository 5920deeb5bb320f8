""" "Apakah jawaban ini membantu?": the 👍/👎 row under factual answers, and what a press does.

A 👍 is thanked with a small pop-up; a 👎 gets a message with ways forward: the topics NLU
thought likeliest next (maybe the resident meant one of those), and the way to a human. Both are
stored on the turn for the analysts. The row is removed once pressed, so a turn is rated once.

What NLU thought comes from the action server's summary the bot kept in memory
(`bot.turn_memory`), not from the database. When that turn has been forgotten (the bot
restarted since), the 👎 is still stored and thanked like a 👍, without suggestions.
"""

from __future__ import annotations

import asyncio
import contextlib

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.delivery import send_replies
from bot.question_log import save_feedback
from bot.rasa_client import BotReply
from bot.services import BotServices
from infobansos import protocol
from infobansos.content.store import Button, ContentStore
from infobansos.privacy.redaction import pseudonym
from infobansos.question_log.summary import TurnSummary
from infobansos.question_log.turns import FEEDBACK_DOWN, FEEDBACK_UP

FEEDBACK_PREFIX = "fb:"


def asks_for_feedback(replies: list[BotReply]) -> bool:
    """True when an action marked its answer as one to rate."""
    return any(reply.custom.get(protocol.ASK_FEEDBACK) for reply in replies)


def feedback_row(content: ContentStore, turn_id: str) -> tuple[InlineKeyboardButton, ...]:
    return (
        InlineKeyboardButton(content.message("feedback_up_button"), callback_data=f"{FEEDBACK_PREFIX}{turn_id}:up"),
        InlineKeyboardButton(content.message("feedback_down_button"), callback_data=f"{FEEDBACK_PREFIX}{turn_id}:down"),
    )


def parse_feedback(data: str) -> tuple[str, int] | None:
    """(turn id, +1 or -1) from a feedback button's callback data; None if it is not one."""
    turn_id, _, vote = data.removeprefix(FEEDBACK_PREFIX).partition(":")
    if not data.startswith(FEEDBACK_PREFIX) or not turn_id or vote not in ("up", "down"):
        return None
    return turn_id, FEEDBACK_UP if vote == "up" else FEEDBACK_DOWN


def ways_forward(content: ContentStore, turn: TurnSummary) -> tuple[Button, ...]:
    """Other likely topics (NLU's runners-up first, then the common ones), then "ask a human"."""
    return content.ways_forward(turn.ranked_intents, turn.intent, turn.program)


def without_feedback_row(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """The message's keyboard minus the 👍/👎 row, so the answer's own buttons stay usable."""
    if markup is None:
        return None
    rows = [
        row
        for row in markup.inline_keyboard
        if not any(str(button.callback_data or "").startswith(FEEDBACK_PREFIX) for button in row)
    ]
    return InlineKeyboardMarkup(rows) if rows else None


class FeedbackHandlers:
    def __init__(self, services: BotServices) -> None:
        self.services = services

    async def on_feedback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        content = self.services.content
        parsed = parse_feedback(query.data or "")
        if parsed is None:
            await query.answer()
            return
        turn_id, value = parsed
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=without_feedback_row(query.message.reply_markup))
        sender = pseudonym(self.services.pseudonym_key, update.effective_chat.id)
        await asyncio.to_thread(save_feedback, self.services.database_url, turn_id, sender, value)
        turn = self.services.turns.recall(turn_id, sender)
        if value == FEEDBACK_UP or turn is None:
            # A forgotten turn (the bot restarted) leaves nothing to suggest from: thanks, stored.
            await query.answer(content.message("feedback_thanks"))
            return
        await query.answer()
        reply = BotReply(content.message("feedback_sorry"), ways_forward(content, turn))
        await send_replies(context.bot, update.effective_chat.id, [reply], self.services.payloads)
