from __future__ import annotations

import asyncio
import itertools

from telegram import Chat, Message, Update

from bot.flood_control import MESSAGES_PER_MINUTE, FloodGuard, Verdict
from bot.update_processor import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, None, chat, text="x"))  # type: ignore[arg-type]


async def test_one_chat_stays_in_order_while_other_chats_run_alongside() -> None:
    processor = PerChatUpdateProcessor()
    finished: list[tuple[int, int]] = []
    running: set[int] = set()
    overlap_seen = asyncio.Event()

    async def handle(chat_id: int, n: int, seconds: float) -> None:
        running.add(chat_id)
        if len(running) > 1:
            overlap_seen.set()
        await asyncio.sleep(seconds)
        running.discard(chat_id)
        finished.append((chat_id, n))

    # Chat 1's first message is the slowest; its second must still come after it.
    jobs = [
        (_update(1, 1), handle(1, 1, 0.2)),
        (_update(2, 1), handle(1, 2, 0.0)),
        (_update(3, 2), handle(2, 1, 0.05)),
    ]
    await asyncio.gather(*(asyncio.create_task(processor.process_update(u, c)) for u, c in jobs))
    assert [n for chat, n in finished if chat == 1] == [1, 2]
    assert finished[0] == (2, 1), "chat 2 did not wait for chat 1"
    assert overlap_seen.is_set()
    assert processor._locks == {}, "idle chats are forgotten"


async def test_flooding_chats_cannot_take_every_slot_from_another_resident() -> None:
    """3 chats send 100 messages at once while their first answers hang; a 4th chat is still served."""
    flood = FloodGuard()
    processor = PerChatUpdateProcessor(flood, max_concurrent_updates=100)
    release, answered = asyncio.Event(), asyncio.Event()
    ran: list[int] = []

    async def hang(chat_id: int) -> None:
        ran.append(chat_id)
        await release.wait()

    async def answer() -> None:
        answered.set()

    ids = itertools.count(1)
    tasks = [
        asyncio.create_task(processor.process_update(_update(next(ids), chat), hang(chat)))
        for _ in range(100)
        for chat in (1, 2, 3)
    ]
    resident = _update(next(ids), 4)
    tasks.append(asyncio.create_task(processor.process_update(resident, answer())))
    try:
        await asyncio.wait_for(answered.wait(), timeout=2.0)
    finally:
        release.set()
        await asyncio.gather(*tasks)
    assert flood.verdict_for(resident.update_id) is Verdict.OK
    assert sorted(ran.count(chat) for chat in (1, 2, 3)) == [MESSAGES_PER_MINUTE + 1] * 3, "the rest are dropped"
