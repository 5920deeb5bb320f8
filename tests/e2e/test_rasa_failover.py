"""Two Rasa instances behind the bot (RASA_INSTANCES=2), one killed while residents are chatting.

What residents must not notice: no message goes unanswered, no chat's answers come out of order,
and a conversation moved to the other instance still knows what it was about (the instances share
the tracker store). When the supervisor has the killed instance back, its chats return to it."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.rasa_pool import preference
from devtools.local_stack import cmdline, free_ports
from devtools.proc_stats import cpu_seconds
from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack, running_stack
from tests.e2e.transcript import whole_reply

pytestmark = pytest.mark.e2e

CHATS_PER_INSTANCE = 6
FIRST_CHAT = 970_000_001
FAILOVER_SECONDS = 10.0  # the bound: a dead instance's chats answered elsewhere within 10 s
RESTART_TIMEOUT = 300.0  # the supervisor's backoff plus loading the model again on a busy machine
KLJ_TERMS = "syarat kartu lansia apa aja"
KLJ_AMOUNT = "besarnya brp?"
KLJ_PAYDAY = "cairnya kapan"


@pytest.fixture(scope="module")
async def two_instances(
    trained_model: Path, own_standin: TelegramStandIn, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningStack]:
    port = free_ports(2)
    tmp = tmp_path_factory.mktemp("failover")
    async with running_stack(own_standin, tmp, RASA_INSTANCES="2", RASA_PORT=str(port)) as running:
        yield running


def instance_urls(stack: RunningStack) -> list[str]:
    port = int(stack.env["RASA_PORT"])
    return [f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port + 1}"]


def instance_pids(stack: RunningStack, index: int) -> list[int]:
    port = str(int(stack.env["RASA_PORT"]) + index)
    return [pid for pid in stack.pids("rasa") if f" -p {port} " in f" {cmdline(pid)} "]


def chats_preferring(stack: RunningStack, index: int) -> list[int]:
    urls, chats, chat_id = instance_urls(stack), [], FIRST_CHAT
    while len(chats) < CHATS_PER_INSTANCE:
        if preference(stack.sender_for(chat_id), urls)[0] == index:
            chats.append(chat_id)
        chat_id += 1
    return chats


async def test_killing_an_instance_loses_no_message_and_its_chats_continue_then_return(
    two_instances: RunningStack, own_standin: TelegramStandIn
) -> None:
    stack, standin = two_instances, own_standin
    moved, staying = chats_preferring(stack, 1), chats_preferring(stack, 0)
    chats = moved + staying

    async def first_lines(text: str) -> dict[int, str]:
        replies = await asyncio.gather(*(whole_reply(standin, chat, text) for chat in chats))
        return {chat: reply[0].text for chat, reply in zip(chats, replies, strict=True)}

    terms = await first_lines(KLJ_TERMS)
    assert all(line.startswith("Syarat KLJ (Kartu Lansia Jakarta):") for line in terms.values())

    # The next message from every chat, and instance 2 killed while they are being answered.
    victims = instance_pids(stack, 1)
    assert victims, "instance 2 is running"
    sending = asyncio.ensure_future(first_lines(KLJ_AMOUNT))
    await asyncio.sleep(0.2)
    killed_at = time.monotonic()
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    amounts = await sending
    assert time.monotonic() - killed_at < FAILOVER_SECONDS + 2.5, "answered within 10 s (2.5 s: the quiet wait)"
    assert all(line.startswith("💰 KLJ memberi") for line in amounts.values()), "moved chats still know it is KLJ"
    paydays = await first_lines(KLJ_PAYDAY)
    assert all("KLJ" in line.splitlines()[0] for line in paydays.values())
    bot_log = (stack.var_dir / "log" / "bot.log").read_text(encoding="utf-8")
    assert f"Rasa at {instance_urls(stack)[1]} is down" in bot_log

    # The supervisor restarts instance 2; once it answers, its chats go back to it.
    back_url = instance_urls(stack)[1]
    assert await stack.rasa_answers(RESTART_TIMEOUT, back_url), f"{back_url} did not come back"
    await asyncio.sleep(3.0)  # the bot asks a down instance every second whether it is back
    back, other = instance_pids(stack, 1), instance_pids(stack, 0)
    assert back and set(back).isdisjoint(victims), "a new process"
    before = {pid: cpu_seconds(pid) for pid in back + other}
    replies = await asyncio.gather(*(whole_reply(standin, chat, KLJ_AMOUNT) for chat in moved))
    assert all(reply[0].text.startswith("💰 KLJ memberi") for reply in replies)
    on_back = sum(cpu_seconds(pid) - before[pid] for pid in back)
    on_other = sum(cpu_seconds(pid) - before[pid] for pid in other)
    assert on_back > 0.1 and on_back > 2 * on_other, f"returned chats answered by instance 2: {on_back} vs {on_other}"
