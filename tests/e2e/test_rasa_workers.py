"""Rasa with two Sanic workers (RASA_WORKERS=2), Rasa's own way: a Redis lock store and the shared
SQL tracker store. Residents in many chats at once get every answer, in order, and a follow-up
answered by either worker still knows what the chat was about."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from devtools.proc_stats import cpu_seconds
from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack, running_stack
from tests.e2e.transcript import whole_reply

pytestmark = pytest.mark.e2e

CHATS = 8
FIRST_CHAT = 960_000_001


@pytest.fixture(scope="module")
async def two_workers(
    trained_model: Path, own_standin: TelegramStandIn, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningStack]:
    tmp = tmp_path_factory.mktemp("workers")
    async with running_stack(own_standin, tmp, RASA_WORKERS="2", REDIS_URL=redis_url) as running:
        yield running


async def test_two_workers_answer_many_chats_in_order_with_their_context(
    two_workers: RunningStack, own_standin: TelegramStandIn
) -> None:
    rasa = two_workers.pids("rasa")
    assert len(rasa) >= 3, f"Sanic's manager and two workers: {rasa}"
    before = {pid: cpu_seconds(pid) for pid in rasa}

    async def resident(chat_id: int) -> list[str]:
        first = await whole_reply(own_standin, chat_id, "syarat kartu lansia apa aja")
        second = await whole_reply(own_standin, chat_id, "besarnya brp?")
        third = await whole_reply(own_standin, chat_id, "cairnya kapan")
        return [replies[0].text for replies in (first, second, third)]

    answers = await asyncio.gather(*(resident(FIRST_CHAT + i) for i in range(CHATS)))
    for chat in answers:
        assert chat[0].startswith("Syarat KLJ (Kartu Lansia Jakarta):")
        assert chat[1].startswith("💰 KLJ memberi"), "the follow-up knows the chat was about KLJ"
        assert "KLJ" in chat[2].splitlines()[0]
    busy = [pid for pid in rasa if cpu_seconds(pid) - before[pid] > 0.2]
    assert len(busy) >= 2, "both workers took part"
