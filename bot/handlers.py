"""Telegram update handlers: the resident's message goes to Rasa, Rasa's replies come back.

The handlers never pass a raw Telegram id or a NIK/KK to Rasa: the sender is a keyed hash and
digit runs that look like identity numbers are replaced by opaque references first.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import AsyncIterator

from sqlalchemy.exc import SQLAlchemyError
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.commands import COMMAND_PAYLOADS
from bot.delivery import send_replies
from bot.feedback import asks_for_feedback, feedback_row
from bot.flood_control import Verdict
from bot.payload_guard import as_typed_text, names_known_values
from bot.question_log import log_turn, new_turn_id
from bot.rasa_client import BotReply, RasaUnavailable
from bot.services import BotServices
from bot.turn_memory import take_summary
from infobansos import protocol
from infobansos.privacy.erasure import delete_user_data
from infobansos.privacy.identity_numbers import contains_number_run
from infobansos.privacy.number_shapes import prepare
from infobansos.privacy.redaction import pseudonym, redact_emails, redact_personal_data
from infobansos.privacy.references import replace_numbers
from infobansos.question_log.turns import Outcome
from infobansos.storage.engine import session_factory
from infobansos.storage.tracker_store import TrackerStoreError

logger = logging.getLogger(__name__)

TYPING_REFRESH_SECONDS = 4.5  # Telegram shows "typing…" for about 5 s per chat action
# Most answers come sooner; an indicator for them is a Telegram call per message that nobody sees.
TYPING_DELAY_SECONDS = 1.0
DELETE_CALLBACK_PREFIX = "hapusdata:"
DELETE_YES, DELETE_NO = f"{DELETE_CALLBACK_PREFIX}ya", f"{DELETE_CALLBACK_PREFIX}tidak"


@contextlib.asynccontextmanager
async def typing_indicator(update: Update, context: ContextTypes.DEFAULT_TYPE) -> AsyncIterator[None]:
    """Show "typing…" from TYPING_DELAY_SECONDS until the block ends, so a slow answer never looks like silence."""
    chat_id = update.effective_chat.id

    async def keep_typing() -> None:
        await asyncio.sleep(TYPING_DELAY_SECONDS)
        while True:
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_REFRESH_SECONDS)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def addressed_to_bot(message: Message, bot_id: int, bot_username: str | None) -> bool:
    """In a group the bot speaks only when @mentioned or when someone replies to one of its messages."""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return True
    mention = f"@{bot_username}".lower() if bot_username else None
    return mention is not None and any(
        text.lower() == mention for entity, text in message.parse_entities([MessageEntity.MENTION]).items()
    )


def without_mention(text: str, bot_username: str | None) -> str:
    if not bot_username:
        return text
    return re.sub(rf"@{re.escape(bot_username)}\b", "", text, flags=re.IGNORECASE).strip()


class ConversationHandlers:
    """Bound methods of this class are the python-telegram-bot callbacks."""

    def __init__(self, services: BotServices) -> None:
        self.services = services

    async def _say(self, update: Update, context: ContextTypes.DEFAULT_TYPE, message_key: str) -> None:
        reply = BotReply(self.services.content.message(message_key))
        await send_replies(context.bot, update.effective_chat.id, [reply], self.services.payloads)

    def _hide_numbers(self, text: str, sender: str) -> str:
        """NIK/KK-like numbers → references the status check can resolve (placeholders if the database
        fails); e-mail addresses → a placeholder. Rasa never sees either in clear."""
        text = redact_emails(text)
        if not contains_number_run(text):
            return text  # most messages: no database round trip needed
        try:
            with session_factory(self.services.database_url).begin() as session:
                return replace_numbers(session, text, sender, self.services.identity_hash_key)
        except (SQLAlchemyError, OSError):
            logger.exception("could not store number references; the numbers are redacted instead")
            return redact_personal_data(text)

    def text_for_rasa(self, text: str, sender: str) -> tuple[str, str]:
        """What Rasa may see of a message, and the same message whole for the question log (which
        redacts it): capped, normalised, joined to a number begun in the chat's last message, and
        with every identity-like number and e-mail address hidden."""
        fragments = self.services.fragments
        joined = fragments.join(sender, prepare(text))
        fragments.remember(sender, joined)
        return self._hide_numbers(joined, sender), joined

    async def converse(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        """Send one message to Rasa and deliver its replies; a Rasa outage becomes a polite "busy"."""
        chat = update.effective_chat
        verdict = self.services.flood.verdict_for(update.update_id)  # counted on arrival (update_processor)
        if verdict is not Verdict.OK:
            if verdict is Verdict.WARN:
                await self._say(update, context, "slow_down")
            return
        started = time.monotonic()
        sender = pseudonym(self.services.pseudonym_key, chat.id)
        turn_id = new_turn_id()
        metadata = {protocol.METADATA_CHAT_TYPE: chat.type, protocol.METADATA_TURN_ID: turn_id}
        async with typing_indicator(update, context):
            try:
                safe_text, text = await asyncio.to_thread(self.text_for_rasa, text, sender)
                replies = await self.services.rasa.send(sender, safe_text, metadata)
            except RasaUnavailable:
                replies = []
        content = self.services.content
        summary, replies = take_summary(replies)  # the action server's half of the turn, never shown
        rate = asks_for_feedback(replies) and chat.type == ChatType.PRIVATE
        if rate and summary is not None:
            self.services.turns.remember(turn_id, sender, summary)  # for the suggestions after a 👎
        replies = [reply for reply in replies if reply.text]
        outcome = Outcome.ANSWERED if replies else Outcome.BUSY
        if not replies:
            # Every message deserves an answer; Rasa answers with nothing when an action failed.
            replies = [BotReply(content.message("busy"))]
        if chat.type != ChatType.PRIVATE:
            replies.append(BotReply(content.message("group_hint")))
        await send_replies(
            context.bot,
            chat.id,
            replies,
            self.services.payloads,
            footer=content.message("feedback_question") if rate else "",
            extra_row=feedback_row(content, turn_id) if rate else (),
        )
        latency_ms = round((time.monotonic() - started) * 1000)
        logged = await asyncio.to_thread(
            log_turn,
            self.services.database_url,
            turn_id,
            sender,
            chat_type=chat.type,
            text=text,
            outcome=outcome,
            latency_ms=latency_ms,
            corrections=content.corrections,
            intent=summary.intent if summary else None,
            previous=self.services.last_turns.previous(sender),
            private=summary.private if summary else False,
        )
        self.services.last_turns.remember(sender, logged)  # for the rephrase rule on the next message

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message.chat.type != ChatType.PRIVATE:
            if not addressed_to_bot(message, context.bot.id, context.bot.username):
                return  # a group's own conversation is none of the bot's business
            text = without_mention(message.text or "", context.bot.username)
            await self.converse(update, context, as_typed_text(text))  # typed: never a payload
            return
        await self.converse(update, context, as_typed_text(message.text or ""))

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        command, _, addressee = (update.effective_message.text or "").split()[0].lstrip("/").partition("@")
        command = command.lower()
        if addressee and addressee.lower() != (context.bot.username or "").lower():
            return  # "/start@anotherbot" in a group is for another bot
        if command == "bantuan":
            await self._say(update, context, "help")
            return
        if command == "hapusdata":
            await self._confirm_deletion(update, context)
            return
        payload = COMMAND_PAYLOADS.get(command)
        if payload is None:
            await self._say(update, context, "unknown_command")
            return
        await self.converse(update, context, payload)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A pressed button: acknowledge it, remove the keyboard so it can't be pressed twice, answer."""
        query = update.callback_query
        await query.answer()
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)
        payload = self.services.payloads.payload(query.data or "")
        if payload is None or not names_known_values(payload, self.services.content.programs):
            await self._say(update, context, "button_expired")
            return
        await self.converse(update, context, payload)

    async def _confirm_deletion(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat.type != ChatType.PRIVATE:
            # A group's turns are stored under the group's pseudonym, not the presser's: they cannot be
            # told apart per person, and anyone in the group could press "Ya". So only a private chat.
            await self._say(update, context, "delete_private_only")
            return
        content = self.services.content
        keyboard = InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(content.message("delete_yes_button"), callback_data=DELETE_YES)],
                [InlineKeyboardButton(content.message("delete_no_button"), callback_data=DELETE_NO)],
            ]
        )
        await context.bot.send_message(
            update.effective_chat.id, content.message("delete_confirm"), reply_markup=keyboard
        )

    async def on_delete_choice(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The answer to /hapusdata's question: delete (database and Rasa's tracker) or leave as is."""
        query = update.callback_query
        await query.answer()
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)
        if query.data != DELETE_YES:
            await self._say(update, context, "delete_cancelled")
            return
        if update.effective_chat.type != ChatType.PRIVATE:  # a button left from before groups were refused
            await self._say(update, context, "delete_private_only")
            return
        sender = pseudonym(self.services.pseudonym_key, update.effective_chat.id)
        services = self.services
        try:
            await asyncio.to_thread(
                delete_user_data, services.database_url, services.rasa_tracker_db, sender, services.var_dir
            )
        except (SQLAlchemyError, TrackerStoreError, OSError):
            logger.exception("could not delete a resident's data")
            await self._say(update, context, "delete_failed")
            return
        await self._say(update, context, "delete_done")

    async def on_non_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message.chat.type != ChatType.PRIVATE and not addressed_to_bot(
            message, context.bot.id, context.bot.username
        ):
            return
        await self._say(update, context, "non_text")

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log without the message text (it may hold personal data) and tell the resident."""
        logger.error("error while handling an update: %r", context.error, exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            with contextlib.suppress(TelegramError):
                await self._say(update, context, "busy")
