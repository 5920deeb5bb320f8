"""A chat's updates answered one at a time, in arrival order, across every bot replica (Redis).

One replica keeps a chat in order by itself (`bot/update_processor.py`). Behind a load balancer,
a chat's second message may reach another replica while the first is still being answered, and
could overtake it. So each update takes a numbered ticket for its chat in Redis as it arrives,
and is handled only when every earlier ticket of that chat is done: the same ticket lock Rasa's
own lock store uses, but with the ticket taken in one atomic INCR. Tickets are taken over one
connection per replica, in the order the updates arrived there.

A replica that dies holding a ticket must not freeze the chat: a ticket in service for longer
than `STUCK_SECONDS` (far longer than an answer takes: Rasa's timeout plus sending) is skipped.
Chat ids reach Redis only as keyed hashes, as everywhere else.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging

import redis.asyncio as redis

from bot.shared_send_limit import REDIS_NOW_MS

logger = logging.getLogger(__name__)

KEY_PREFIX = "infobansos:chat-order:"
STUCK_SECONDS = 60.0
POLL_SECONDS = 0.02
KEY_LIFETIME_MS = 3_600_000  # an idle chat's counters go after an hour
# KEYS: tickets, done, since. ARGV: lifetime ms.
TAKE_SCRIPT = (
    REDIS_NOW_MS
    + """
local ticket = redis.call('INCR', KEYS[1])
if ticket == 1 or redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('SET', KEYS[2], ticket - 1, 'PX', ARGV[1])
  redis.call('SET', KEYS[3], now, 'PX', ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return ticket
"""
)
# KEYS: done, since. ARGV: ticket, stuck ms, lifetime ms. Returns 1 when it is this ticket's turn.
TURN_SCRIPT = (
    REDIS_NOW_MS
    + """
local done = tonumber(redis.call('GET', KEYS[1]) or (ARGV[1] - 1))
local since = tonumber(redis.call('GET', KEYS[2]) or now)
if tonumber(ARGV[1]) <= done + 1 then return 1 end
if now - since > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[1], done + 1, 'PX', ARGV[3])
  redis.call('SET', KEYS[2], now, 'PX', ARGV[3])
end
return 0
"""
)
# KEYS: done, since. ARGV: ticket, lifetime ms.
DONE_SCRIPT = (
    REDIS_NOW_MS
    + """
local done = tonumber(redis.call('GET', KEYS[1]) or 0)
if tonumber(ARGV[1]) > done then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  redis.call('SET', KEYS[2], now, 'PX', ARGV[2])
end
return 1
"""
)


class SharedChatOrder:
    """`ticket = await order.take(chat)` on arrival; `await order.wait_turn(...)`, then `order.done(...)`."""

    def __init__(self, redis_url: str, key: bytes, stuck_seconds: float = STUCK_SECONDS) -> None:
        # One connection: tickets are taken in the order this replica asked for them.
        self._redis = redis.Redis.from_url(redis_url, single_connection_client=True)
        self._take = self._redis.register_script(TAKE_SCRIPT)
        self._turn = self._redis.register_script(TURN_SCRIPT)
        self._done = self._redis.register_script(DONE_SCRIPT)
        self._key = key
        self._stuck_ms = int(stuck_seconds * 1000)

    def _keys(self, chat_id: int) -> list[str]:
        name = hmac.new(self._key, f"chat-order:{chat_id}".encode(), hashlib.sha256).hexdigest()[:32]
        return [f"{KEY_PREFIX}{name}:{part}" for part in ("tickets", "done", "since")]

    async def take(self, chat_id: int) -> int:
        return int(await self._take(keys=self._keys(chat_id), args=[KEY_LIFETIME_MS]))

    async def wait_turn(self, chat_id: int, ticket: int) -> None:
        keys = self._keys(chat_id)[1:]
        while not int(await self._turn(keys=keys, args=[ticket, self._stuck_ms, KEY_LIFETIME_MS])):
            await asyncio.sleep(POLL_SECONDS)

    async def done(self, chat_id: int, ticket: int) -> None:
        await self._done(keys=self._keys(chat_id)[1:], args=[ticket, KEY_LIFETIME_MS])

    async def aclose(self) -> None:
        await self._redis.aclose()
