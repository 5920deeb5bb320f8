from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

from bot.rate_limits import PacedRateLimiter


async def _send_all(limiter: PacedRateLimiter, requests: list[tuple[str, int]]) -> list[tuple[str, int, float]]:
    """Run the requests concurrently through the limiter; returns (endpoint, chat, seconds) in send order."""
    sent: list[tuple[str, int, float]] = []
    start = time.monotonic()

    async def request(endpoint: str, chat_id: int) -> Any:
        async def callback() -> bool:
            sent.append((endpoint, chat_id, time.monotonic() - start))
            return True

        return await limiter.process_request(callback, (), {}, endpoint, {"chat_id": chat_id}, None)

    await limiter.initialize()
    await asyncio.gather(*(request(endpoint, chat) for endpoint, chat in requests))
    await limiter.shutdown()
    return sent


async def test_messages_to_one_private_chat_go_out_about_one_a_second_in_order() -> None:
    sent = await _send_all(PacedRateLimiter(per_chat_rate=5), [("sendMessage", 42)] * 4)
    gaps = [b[2] - a[2] for a, b in itertools.pairwise(sent)]
    assert len(sent) == 4
    assert all(gap >= 0.15 for gap in gaps), gaps  # 5 a second here, to keep the test short


async def test_other_chats_and_typing_indicators_are_not_held_up() -> None:
    requests = [("sendMessage", 42)] * 3 + [("sendMessage", 43), ("sendChatAction", 42)]
    sent = await _send_all(PacedRateLimiter(per_chat_rate=2), requests)
    first_at = {(endpoint, chat): at for endpoint, chat, at in reversed(sent)}
    assert first_at[("sendMessage", 43)] < 0.2
    assert first_at[("sendChatAction", 42)] < 0.2
    assert max(at for endpoint, chat, at in sent if chat == 42 and endpoint == "sendMessage") >= 0.9
