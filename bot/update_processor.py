"""Updates from different chats run concurrently; updates from one chat run one at a time, in order.

python-telegram-bot handles one update at a time by default, so one slow Rasa reply would hold
up every resident. Its plain `concurrent_updates` would let a chat's second message overtake its
first. Here each chat has a FIFO lock: tasks are created in arrival order and asyncio locks
wake waiters in order, so a chat's messages are answered in the order they were sent.

Flood control counts each update as it arrives, before it takes a slot: an update over the
limit is dropped at once instead of waiting (slot held) behind its chat's earlier messages.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.flood_control import FloodGuard

# Waiting tasks hold a slot, so the limit is generous; flood control bounds one chat's share.
MAX_CONCURRENT_UPDATES = 256


def chat_key(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, sequential within a chat."""

    def __init__(self, flood: FloodGuard | None = None, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._flood = flood
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
        await super().process_update(update, coroutine)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
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

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release: the Application waits for running updates itself."""
