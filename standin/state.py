"""The chat state the Telegram stand-in keeps, shared by its Bot API side and its resident side.

Both halves of the stand-in (``api`` answers the bot, ``resident`` plays the
resident) read and write the same chats, messages and update queue. That state, and the few
helpers both halves need to render it (Message objects, message ids, change notification), live
here once so neither half owns the other's data and the two mixins cannot drift apart.

Not thread-safe: everything runs on the event loop the server runs on.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from standin.wire import inline_markup

FIRST_UPDATE_ID = 500_000_000
FIRST_QUERY_ID = 4_200_000_000_000_000_000
# Update kinds Telegram delivers when allowed_updates was never set (or set to []).
DEFAULT_ALLOWED_UPDATES = frozenset({"message", "edited_message", "callback_query", "inline_query", "my_chat_member"})
Params = dict[str, Any]


@dataclass
class BotMessage:
    """One message the bot sent, as the resident sees it now: edits and deletions update it in place."""

    chat_id: int
    message_id: int
    text: str
    raw_text: str
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    date: int = 0
    edited: bool = False
    edit_date: int | None = None
    deleted: bool = False
    reply_to_message_id: int | None = None
    sent_at: float = 0.0  # time.monotonic() when it arrived, for tests of pacing

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        """Inline keyboard as rows of (label, callback_data or url), for terse assertions."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [[(b["text"], b.get("callback_data", b.get("url", ""))) for b in row] for row in rows]


class StandInState:
    """What a real chat would show: chats, both sides' messages, queued updates, recorded calls."""

    def __init__(self, bot_user: dict[str, Any], flood_limit_per_chat: float | None) -> None:
        self.bot_user = bot_user
        self.flood_limit_per_chat = flood_limit_per_chat
        self.calls: list[tuple[str, Params]] = []
        self.errors: list[dict[str, Any]] = []
        # Called with each message the bot sends, as it arrives: lets a load generator time replies
        # without waking on every change of the stand-in (as ``wait_for_bot_messages`` does).
        self.bot_message_listeners: list[Callable[[BotMessage], None]] = []
        self.answered_callbacks: list[Params] = []
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.descriptions: dict[str, str] = {}
        self.webhook: dict[str, Any] = {}  # what setWebhook asked for
        self.short_descriptions: dict[str, str] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._bot_messages: dict[int, dict[int, BotMessage]] = {}
        self._user_messages: dict[int, dict[int, dict[str, Any]]] = {}
        self._last_message_id: dict[int, int] = {}
        self._read_cursor: dict[int, int] = {}
        self._actions: dict[int, list[str]] = {}
        self._last_send: dict[int, float] = {}
        self._updates: list[dict[str, Any]] = []
        self.last_update: dict[str, Any] = {}
        self._update_ids = itertools.count(FIRST_UPDATE_ID)
        self._query_ids = itertools.count(FIRST_QUERY_ID)
        self._open_queries: set[str] = set()
        self._allowed_updates = DEFAULT_ALLOWED_UPDATES
        self._changed = asyncio.Event()
        self._closing = False

    def _notify(self) -> None:
        """Wake every waiter (long polls, wait_for_bot_messages) so it re-checks its condition."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_change(self, deadline: float) -> bool:
        """Sleep until something changes or the deadline passes; False once time is up."""
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return False
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), remaining)
        return True

    def _next_message_id(self, chat_id: int) -> int:
        """Bot and resident messages share one id sequence per chat, as in Telegram."""
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def _message_object(self, message: BotMessage) -> dict[str, Any]:
        """The Message JSON Telegram returns for a bot message (only inline markup is echoed)."""
        obj: dict[str, Any] = {
            "message_id": message.message_id,
            "from": self.bot_user,
            "chat": self._chats[message.chat_id],
            "date": message.date,
            "text": message.text,
        }
        optional = {
            "entities": message.entities,
            "reply_markup": inline_markup(message.reply_markup),
            "edit_date": message.edit_date,
            "reply_to_message": self._message_dict(message.chat_id, message.reply_to_message_id),
        }
        return obj | {key: value for key, value in optional.items() if value}

    def _message_dict(self, chat_id: int, message_id: int | None) -> dict[str, Any] | None:
        """Any live message in the chat (user or bot), without its own reply_to_message."""
        found = self._bot_messages.get(chat_id, {}).get(message_id or 0)
        if found is not None and not found.deleted:
            return {k: v for k, v in self._message_object(found).items() if k != "reply_to_message"}
        user_message = self._user_messages.get(chat_id, {}).get(message_id or 0)
        return {k: v for k, v in user_message.items() if k != "reply_to_message"} if user_message else None
