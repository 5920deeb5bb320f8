"""One outbound limit per bot token, shared by every bot replica through Redis.

Telegram counts a bot's messages per token, whichever process sends them: two replicas each
holding 30 a second would together send 60 and collect 429s. Each replica asks Redis for a slot
before a chat message goes out. The slots follow the generic cell rate algorithm (GCRA): Redis
keeps one number per token, the moment the next message is due, and one Lua script, timed by
Redis's own clock so replicas on machines with skewed clocks still agree, either grants a slot
or says how many milliseconds to wait. The key names the token only by a hash.

If Redis cannot be reached, the replica falls back to its own limit of the same rate and says so
in its log: residents still get answers, and Telegram's 429 answers (retried by
`AIORateLimiter`) cover the overlap until Redis is back.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging

import redis.asyncio as redis
from aiolimiter import AsyncLimiter
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

KEY_PREFIX = "infobansos:telegram-sends:"
REDIS_TIMEOUT_SECONDS = 0.5
# KEYS[1]: when the next message is due (ms). ARGV[1]: ms between messages. Returns 0 (send now)
# or the ms to wait. No burst: messages leave evenly spaced, as Telegram prefers.
# Lua: `now`, Redis's clock in ms, so that replicas with skewed clocks agree (scripts start with it).
REDIS_NOW_MS = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
"""
GCRA_SCRIPT = (
    REDIS_NOW_MS
    + """
local interval = tonumber(ARGV[1])
local due = tonumber(redis.call('GET', KEYS[1]) or now)
if due > now then return due - now end
redis.call('SET', KEYS[1], now + interval, 'PX', interval + 1000)
return 0
"""
)


def limit_key(token: str) -> str:
    """The Redis key for one bot token's limit; the token itself never reaches Redis."""
    return KEY_PREFIX + hashlib.sha256(token.encode()).hexdigest()[:32]


class SharedSendLimit:
    """`await limit.acquire()` before each chat message: at most `rate` a second across all replicas, evenly spaced."""

    def __init__(self, redis_url: str, token: str, rate: float) -> None:
        if rate <= 0:
            raise ValueError("a shared send limit needs a rate above 0")
        self._redis = redis.Redis.from_url(
            redis_url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
        )
        self._script = self._redis.register_script(GCRA_SCRIPT)
        self._key = limit_key(token)
        self._interval_ms = max(1, round(1000 / rate))
        self._fallback = AsyncLimiter(1, 1 / rate)  # one at a time, `rate` a second: no burst either
        self._using_fallback = False

    async def acquire(self) -> None:
        while True:
            try:
                wait_ms = int(await self._script(keys=[self._key], args=[self._interval_ms]))
            except (RedisError, OSError) as exc:
                self._fall_back(exc)
                await self._fallback.acquire()
                return
            if self._using_fallback:
                logger.info("Redis is back: the send limit is shared with the other replicas again")
                self._using_fallback = False
            if wait_ms <= 0:
                return
            await asyncio.sleep(wait_ms / 1000)

    def _fall_back(self, exc: BaseException) -> None:
        if not self._using_fallback:
            logger.warning("Redis unreachable (%s): this replica keeps its own send limit", type(exc).__name__)
            self._using_fallback = True

    async def aclose(self) -> None:
        await self._redis.aclose()
