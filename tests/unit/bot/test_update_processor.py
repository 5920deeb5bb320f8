from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update

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
