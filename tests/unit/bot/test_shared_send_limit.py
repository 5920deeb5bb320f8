"""Bot replicas on one token share Telegram's overall limit through a real (throwaway) Redis."""

from __future__ import annotations

import asyncio
import time

import pytest
import redis

from bot.shared_send_limit import SharedSendLimit, limit_key

TOKEN = "424242:replica-test-token"
RATE = 20.0


def busiest_second(times: list[float]) -> int:
    """The most acquisitions inside any one-second window."""
    times = sorted(times)
    return max(sum(1 for t in times[i:] if t - start < 1.0) for i, start in enumerate(times))


async def take(limit: SharedSendLimit, count: int, times: list[float]) -> None:
    for _ in range(count):
        await limit.acquire()
        times.append(time.monotonic())


async def test_two_replicas_together_stay_within_one_limit(redis_url: str) -> None:
    replicas = [SharedSendLimit(redis_url, TOKEN, RATE) for _ in range(2)]
    times: list[float] = []
    # Each replica has many chats waiting to be answered at once.
    await asyncio.gather(*(take(replica, 6, times) for replica in replicas for _ in range(5)))
    for replica in replicas:
        await replica.aclose()
    assert len(times) == 60
    assert busiest_second(times) <= RATE + 1
    assert max(times) - min(times) >= (60 - 1) / RATE * 0.95


async def test_redis_holds_a_hash_of_the_token_never_the_token(redis_url: str) -> None:
    limit = SharedSendLimit(redis_url, TOKEN, RATE)
    await limit.acquire()
    await limit.aclose()
    keys = [key.decode() for key in redis.Redis.from_url(redis_url).keys("*")]
    assert limit_key(TOKEN) in keys and not any("replica-test-token" in key for key in keys)


async def test_without_redis_a_replica_keeps_its_own_limit(caplog: pytest.LogCaptureFixture) -> None:
    limit = SharedSendLimit("redis://127.0.0.1:9/0", TOKEN, RATE)
    times: list[float] = []
    await asyncio.gather(*(take(limit, 3, times) for _ in range(4)))
    await limit.aclose()
    assert len(times) == 12 and busiest_second(times) <= RATE + 1
    assert max(times) - min(times) >= (12 - 2) / RATE * 0.95
    assert "keeps its own send limit" in caplog.text
