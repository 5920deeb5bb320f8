"""Two bot replicas keep one chat's updates in arrival order through a real (throwaway) Redis."""

from __future__ import annotations

import asyncio
import time

import redis

from bot.shared_chat_order import SharedChatOrder

KEY = b"k" * 32
CHAT = 123_456_789


async def test_a_chats_updates_on_two_replicas_are_handled_in_ticket_order(redis_url: str) -> None:
    replicas = [SharedChatOrder(redis_url, KEY), SharedChatOrder(redis_url, KEY)]
    tickets = [await replicas[i % 2].take(CHAT) for i in range(6)]
    handled: list[int] = []

    async def handle(position: int) -> None:
        replica, ticket = replicas[position % 2], tickets[position]
        await replica.wait_turn(CHAT, ticket)
        await asyncio.sleep(0.05 * (6 - position))  # earlier messages take longer: they must still go first
        handled.append(position)
        await replica.done(CHAT, ticket)

    await asyncio.gather(*(handle(position) for position in reversed(range(6))))
    assert handled == list(range(6))
    for replica in replicas:
        await replica.aclose()


async def test_other_chats_do_not_wait_and_chat_ids_stay_out_of_redis(redis_url: str) -> None:
    order = SharedChatOrder(redis_url, KEY)
    await order.take(CHAT + 1)  # this chat is busy and stays busy
    ticket = await order.take(CHAT + 2)
    await asyncio.wait_for(order.wait_turn(CHAT + 2, ticket), timeout=1.0)
    await order.aclose()
    keys = b" ".join(redis.Redis.from_url(redis_url).keys("*")).decode()
    assert str(CHAT + 1) not in keys and str(CHAT + 2) not in keys


async def test_a_ticket_left_by_a_dead_replica_is_skipped_after_a_while(redis_url: str) -> None:
    dead, alive = SharedChatOrder(redis_url, KEY, stuck_seconds=0.5), SharedChatOrder(redis_url, KEY, 0.5)
    chat = CHAT + 3
    await dead.take(chat)  # and never answered: the replica died
    ticket = await alive.take(chat)
    started = time.monotonic()
    await asyncio.wait_for(alive.wait_turn(chat, ticket), timeout=5.0)
    assert time.monotonic() - started >= 0.4
    for order in (dead, alive):
        await order.aclose()
