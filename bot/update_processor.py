"""Updates from different chats run concurrently; updates from one chat run one at a time, in order.

python-telegram-bot handles one update at a time by default, so one slow Rasa reply would hold
up every resident. Its plain `concurrent_updates` would let a chat's second message overtake its
first. Here each chat has a FIFO lock: tasks are created in arrival order and asyncio locks
wake waiters in order, so a chat's messages are answered in the order they were sent.

Flood control counts each update as it arrives, before it takes a slot: an update over the
limit is dropped at once instead of waiting (slot held) behind its chat's earlier messages.

With several replicas (REDIS_URL set), a chat's order is kept across all of them by tickets in
Redis (`bot/shared_chat_order.py`), taken as each update arrives; the local lock then has nothing
left to order. If Redis cannot be reached, the replica keeps its own order, as a single one does.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

from redis.exceptions import RedisError
from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.flood_control import FloodGuard
from bot.shared_chat_order import SharedChatOrder

logger = logging.getLogger(__name__)

# Waiting tasks hold a slot, so the limit is generous; flood control bounds one chat's share.
MAX_CONCURRENT_UPDATES = 256


def chat_key(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, sequential within a chat."""

    def __init__(
        self,
        flood: FloodGuard | None = None,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        shared_order: SharedChatOrder | None = None,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._flood = flood
        self._shared_order = shared_order
        self._tickets: dict[int, int] = {}  # update id -> its chat ticket in Redis
        self._locks: dict[int | None, asyncio.Lock] = {}
        self._users: dict[int | None, int] = {}

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Drop a flooding chat's update before it takes a slot; the rest as usual."""
        key = chat_key(update)
        flooding = (
            self._flood is not None
            and key is not None
            and isinstance(update, Update)
            and not self._flood.admit(update.update_id, key)
        )
        if flooding:
            if asyncio.iscoroutine(coroutine):
                coroutine.close()  # never run: no "coroutine was never awaited" warning
            return
        if self._shared_order is not None and key is not None and isinstance(update, Update):
            try:  # before waiting for a slot: the ticket marks the moment the update arrived
                self._tickets[update.update_id] = await self._shared_order.take(key)
            except (RedisError, OSError) as exc:
                logger.warning("Redis unreachable (%s): this chat keeps only this replica's order", type(exc).__name__)
        await super().process_update(update, coroutine)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        ticket = self._tickets.pop(update.update_id, None) if isinstance(update, Update) else None
        if ticket is not None and key is not None and self._shared_order is not None:
            await self._in_shared_order(self._shared_order, key, ticket, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if self._users[key] == 0:  # forget idle chats so the table does not grow forever
                del self._users[key]
                del self._locks[key]

    @staticmethod
    async def _in_shared_order(order: SharedChatOrder, chat: int, ticket: int, coroutine: Awaitable[Any]) -> None:
        try:
            await order.wait_turn(chat, ticket)
        except (RedisError, OSError) as exc:
            logger.warning("Redis unreachable (%s): answering without waiting for other replicas", type(exc).__name__)
        try:
            await coroutine
        finally:
            try:
                await order.done(chat, ticket)
            except (RedisError, OSError) as exc:  # the chat's next ticket waits STUCK_SECONDS at most
                logger.warning("Redis unreachable (%s): could not release the chat's turn", type(exc).__name__)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Release the Redis connection; the Application waits for running updates itself."""
        if self._shared_order is not None:
            await self._shared_order.aclose()
