"""Per-chat flood control: beyond a number of messages a minute the bot asks to slow down.

Messages over the limit are not sent to Rasa, so one resident (or a script) cannot crowd out the
others. The slow-down notice is sent once per burst, not for every extra message.

The count is taken when an update arrives (`bot.update_processor`), before it takes one of the
bot's concurrency slots: a burst of 100 messages from one chat must not fill the slots while
they wait their turn behind that chat's first message, stalling every other resident.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum

MESSAGES_PER_MINUTE = 20
WINDOW_SECONDS = 60.0
MAX_PENDING_WARNINGS = 10_000  # updates admitted with a WARN whose handler has not asked yet


class Verdict(Enum):
    OK = "ok"
    WARN = "warn"  # over the limit: tell the resident once
    DROP = "drop"  # still over the limit: stay quiet


class FloodGuard:
    def __init__(
        self,
        limit: int = MESSAGES_PER_MINUTE,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limit, self._window, self._clock = limit, window, clock
        self._seen: dict[int, deque[float]] = {}
        self._warned: set[int] = set()
        self._pending_warnings: dict[int, None] = {}  # update ids, oldest first

    def check(self, chat_id: int) -> Verdict:
        now = self._clock()
        seen = self._seen.setdefault(chat_id, deque())
        while seen and seen[0] <= now - self._window:
            seen.popleft()
        if len(seen) < self._limit:
            seen.append(now)
            self._warned.discard(chat_id)
            return Verdict.OK
        if chat_id in self._warned:
            return Verdict.DROP
        self._warned.add(chat_id)
        return Verdict.WARN

    def admit(self, update_id: int, chat_id: int) -> bool:
        """Count an arriving update; False when it is to be dropped without being handled."""
        verdict = self.check(chat_id)
        if verdict is Verdict.WARN:
            if len(self._pending_warnings) >= MAX_PENDING_WARNINGS:
                self._pending_warnings.pop(next(iter(self._pending_warnings)))
            self._pending_warnings[update_id] = None
        return verdict is not Verdict.DROP

    def verdict_for(self, update_id: int) -> Verdict:
        """What `admit` decided for an admitted update: OK, or WARN (tell the resident to slow down)."""
        if self._pending_warnings.pop(update_id, 0) is None:
            return Verdict.WARN
        return Verdict.OK
