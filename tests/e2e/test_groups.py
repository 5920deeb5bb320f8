"""Issue 5.4: in a group the bot answers only when @mentioned or replied to, and points to a private chat."""

from __future__ import annotations

import asyncio

import pytest

from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e
QUIET_SECONDS = 3.0
_group_ids = iter(range(-100_777_000_001, -100_777_100_000, -1))


def _mention(standin: TelegramStandIn, text: str) -> tuple[str, list[dict]]:
    handle = "@" + standin.bot_user["username"]
    return f"{handle} {text}", [{"type": "mention", "offset": 0, "length": len(handle)}]


async def test_group_chatter_is_ignored_but_a_mention_is_answered_with_a_private_chat_hint(
    stack: RunningStack, standin: TelegramStandIn
) -> None:
    group = next(_group_ids)
    standin.send_text(group, "syarat klj apa ya bu?", chat_type="supergroup")
    standin.send_non_text(group, "photo", chat_type="supergroup")
    await asyncio.sleep(QUIET_SECONDS)
    assert standin.messages(group) == [], "the bot stays out of the group's own conversation"
    text, entities = _mention(standin, "syarat klj apa ya?")
    standin.send_text(group, text, chat_type="supergroup", entities=entities)
    replies = await standin.wait_for_bot_messages(group, count=2, timeout=30.0)
    joined = "\n".join(r.text for r in replies)
    assert "60 tahun" in joined
    assert "chat saya langsung" in joined


async def test_a_reply_to_the_bot_in_a_group_is_answered(stack: RunningStack, standin: TelegramStandIn) -> None:
    group = next(_group_ids)
    text, entities = _mention(standin, "halo")
    standin.send_text(group, text, chat_type="group", entities=entities)
    await standin.wait_for_bot_messages(group, count=2, timeout=30.0)
    standin.send_text(group, "kalau besarnya kjp berapa?", chat_type="group", reply_to_bot=True)
    replies = await standin.wait_for_bot_messages(group, count=2, timeout=30.0)
    assert "Rp" in "\n".join(r.text for r in replies)


async def test_a_command_for_another_bot_is_ignored(stack: RunningStack, standin: TelegramStandIn) -> None:
    group = next(_group_ids)
    standin.send_command(group, "/start@SomeOtherBot", chat_type="group")
    await asyncio.sleep(QUIET_SECONDS)
    assert standin.messages(group) == []
