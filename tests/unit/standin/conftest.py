"""A running stand-in with one private chat, and a PTB `Bot` talking to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from telegram import Bot

from standin.server import TelegramStandIn
from tests.unit.standin.ptb_client import CHAT


@pytest_asyncio.fixture
async def standin() -> AsyncIterator[TelegramStandIn]:
    async with TelegramStandIn() as server:
        server.add_chat(CHAT)
        yield server


@pytest_asyncio.fixture
async def bot(standin: TelegramStandIn) -> AsyncIterator[Bot]:
    async with Bot(standin.token, base_url=standin.base_url) as client:
        yield client
