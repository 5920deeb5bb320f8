"""Per-chat flood control: beyond a number of messages a minute the bot asks to slow down.

Messages over the limit are not sent to Rasa, so one resident (or a script) cannot crowd out the
others. The slow-down notice is sent once per burst, not for every extra message.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum

MESSAGES_PER_MINUTE = 20
WINDOW_SECONDS = 60.0


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
