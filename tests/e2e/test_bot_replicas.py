"""Two bot replicas in webhook mode on one token, behind a load balancer (here: the test posting
each update to one of them). Through Redis they share Telegram's overall send limit (together no
faster than one replica may send), and a chat whose messages reach both replicas is still answered
in order, each answer knowing what came before."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from devtools.local_redis import redis_server
from standin.server import TelegramStandIn
from standin.state import BotMessage
from tests.e2e.conftest import TEST_TOKEN, RunningStack, webhook_bot, webhook_environment
from tests.e2e.transcript import reply_until_quiet

pytestmark = pytest.mark.e2e
SECRET = "rahasia_replika-42_" + "r" * 16
SENDS_PER_SECOND = 4  # low, so that two replicas each keeping 4 a second would show as 8
CHATS = 16
FIRST_CHAT = 980_000_001


@pytest.fixture(scope="module")
async def two_replicas(
    stack: RunningStack, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[TelegramStandIn, list[str]]]:
    tmp_path = tmp_path_factory.mktemp("replicas")
    async with TelegramStandIn(token=TEST_TOKEN) as telegram, contextlib.AsyncExitStack() as replicas:
        with redis_server() as redis_url:
            urls = []
            for replica in range(2):
                env = webhook_environment(
                    stack, telegram, SECRET, REDIS_URL=redis_url, TELEGRAM_MAX_SENDS_PER_SECOND=str(SENDS_PER_SECOND)
                )
                urls.append(await replicas.enter_async_context(webhook_bot(env, tmp_path / f"bot-{replica}.log")))
            yield telegram, urls
            await replicas.aclose()  # the replicas stop before their Redis does


def update(update_id: int, chat_id: int, text: str) -> dict:
    chat = {"id": chat_id, "type": "private", "first_name": "Warga"}
    sender = {"id": chat_id, "is_bot": False, "first_name": "Warga"}
    message = {"message_id": update_id, "date": int(time.time()), "chat": chat, "from": sender, "text": text}
    return {"update_id": update_id, "message": message}


async def test_two_replicas_on_one_token_share_the_send_limit(
    two_replicas: tuple[TelegramStandIn, list[str]],
) -> None:
    telegram, urls = two_replicas
    sent_at: list[float] = []
    telegram.bot_message_listeners.append(lambda _message: sent_at.append(time.monotonic()))
    chats = [FIRST_CHAT + i for i in range(CHATS)]
    for chat in chats:
        telegram.add_chat(chat)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with httpx.AsyncClient() as client:
        accepted = await asyncio.gather(
            *(
                client.post(urls[i % 2], json=update(i + 1, chat, "syarat klj apa"), headers=headers)
                for i, chat in enumerate(chats)
            )
        )
    assert [response.status_code for response in accepted] == [200] * CHATS

    async def first_reply(chat: int) -> BotMessage:
        return (await telegram.wait_for_bot_messages(chat, timeout=60.0))[0]

    replies = await asyncio.gather(*(first_reply(chat) for chat in chats))
    assert all("60 tahun" in reply.text for reply in replies), "every resident, on either replica, is answered"
    # Two seconds, not one: a message's trip to Telegram takes a varying few milliseconds, so
    # evenly spaced sends can arrive a little bunched. Two replicas each keeping 4 a second would
    # put about 16 in two seconds.
    busiest = max(sum(1 for t in sent_at if start <= t < start + 2.0) for start in sent_at)
    assert busiest <= 2 * SENDS_PER_SECOND + 2, f"{busiest} messages in two seconds from the two replicas together"
    assert max(sent_at) - min(sent_at) >= (len(sent_at) - 2) / SENDS_PER_SECOND * 0.9


async def test_a_chat_whose_messages_reach_both_replicas_is_answered_in_order(
    two_replicas: tuple[TelegramStandIn, list[str]],
) -> None:
    telegram, urls = two_replicas
    chat = FIRST_CHAT + CHATS
    telegram.add_chat(chat)
    turns = ["syarat kartu lansia apa aja", "besarnya brp?", "cairnya kapan"]
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with httpx.AsyncClient() as client:
        for i, text in enumerate(turns):  # sent together, alternately to each replica
            response = await client.post(urls[i % 2], json=update(100 + i, chat, text), headers=headers)
            assert response.status_code == 200
    messages = await reply_until_quiet(telegram, chat)
    firsts = [
        next(i for i, message in enumerate(messages) if check(message.text))
        for check in (
            lambda text: text.startswith("Syarat KLJ (Kartu Lansia Jakarta):"),
            lambda text: text.startswith("💰 KLJ memberi"),  # knows the chat is about KLJ
            lambda text: text.startswith("📅") and "KLJ" in text.splitlines()[0],
        )
    ]
    assert firsts == sorted(firsts), [message.text.splitlines()[0] for message in messages]
