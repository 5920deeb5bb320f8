"""Telegram's limits, kept on our side so the bot never trips a 429.

`AIORateLimiter` covers the overall limit (about 30 messages a second) and groups (20 a
minute), and retries after a 429. It does not pace private chats, where Telegram allows about
one message a second: a long answer split in three, or answers to messages sent together, would
otherwise arrive in a burst. Here each private chat gets its own one-a-second limiter. "Typing…"
indicators bypass the limits: they are not messages, and losing one harms nobody.

With several bot replicas on one token (REDIS_URL set), the overall limit is the one they share
in Redis (`bot/shared_send_limit.py`) instead of each replica's own.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

from bot.shared_send_limit import SharedSendLimit

PACED_ENDPOINTS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendLocation", "forwardMessage", "copyMessage"}
)
UNLIMITED_ENDPOINTS = frozenset({"sendChatAction", "answerCallbackQuery"})
PRIVATE_CHAT_MESSAGES_PER_SECOND = 1
MAX_TRACKED_CHATS = 10_000  # least recently used limiters are dropped; an idle chat needs none


class PacedRateLimiter(AIORateLimiter):
    """`AIORateLimiter` plus one message a second per private chat, and optionally a shared overall limit."""

    def __init__(
        self,
        per_chat_rate: float = PRIVATE_CHAT_MESSAGES_PER_SECOND,
        shared: SharedSendLimit | None = None,
        **kwargs: Any,
    ) -> None:
        if shared is not None:
            kwargs["overall_max_rate"] = 0  # the shared limit replaces this replica's own
        super().__init__(**kwargs)
        self._per_chat_rate = per_chat_rate
        self._shared = shared
        self._chat_limiters: OrderedDict[int, AsyncLimiter] = OrderedDict()

    async def shutdown(self) -> None:
        if self._shared is not None:
            await self._shared.aclose()

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chat_limiters.pop(chat_id, None) or AsyncLimiter(1, 1 / self._per_chat_rate)
        self._chat_limiters[chat_id] = limiter
        if len(self._chat_limiters) > MAX_TRACKED_CHATS:
            self._chat_limiters.popitem(last=False)
        return limiter

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if endpoint in UNLIMITED_ENDPOINTS:
            return await callback(*args, **kwargs)
        chat_id = data.get("chat_id")
        private = endpoint in PACED_ENDPOINTS and isinstance(chat_id, int) and chat_id > 0
        async with self._chat_limiter(chat_id) if private else contextlib.nullcontext():
            # As AIORateLimiter's own overall limit: every request that names a chat counts.
            if self._shared is not None and chat_id is not None:
                await self._shared.acquire()
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
