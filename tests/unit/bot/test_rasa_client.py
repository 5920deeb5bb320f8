"""The Rasa boundary is faked here with a tiny HTTP server; the e2e tests use the real Rasa."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.rasa_client import BotReply, RasaClient, RasaUnavailable, ReplyButton
from tests.unit.bot.fake_rasa import TOKEN, FakeRasa, serve


@pytest.fixture
async def fake_rasa() -> AsyncIterator[tuple[FakeRasa, str]]:
    fake = FakeRasa()
    async with serve(fake) as url:
        yield fake, url


async def test_sends_sender_and_text_and_parses_text_and_buttons(fake_rasa: tuple[FakeRasa, str]) -> None:
    fake, url = fake_rasa
    fake.answer = [
        {"recipient_id": "u_1", "text": "Halo", "buttons": [{"title": "DTKS", "payload": "/tanya_dtks"}]},
        {"recipient_id": "u_1", "image": "https://x/y.png"},  # nothing we can show: skipped
    ]
    client = RasaClient(url, timeout_seconds=2, auth_token=TOKEN)
    replies = await client.send("u_1", "halo", metadata={"chat_type": "private"})
    await client.aclose()
    assert replies == [BotReply("Halo", (ReplyButton("DTKS", "/tanya_dtks"),))]
    assert fake.received == [{"sender": "u_1", "message": "halo", "metadata": {"chat_type": "private"}}]


@pytest.mark.parametrize(("status", "answer", "delay"), [(500, {}, 0.0), (200, {"oops": 1}, 0.0), (200, [], 3.0)])
async def test_errors_and_timeouts_become_rasa_unavailable(
    fake_rasa: tuple[FakeRasa, str], status: int, answer: Any, delay: float
) -> None:
    fake, url = fake_rasa
    fake.status, fake.answer, fake.delay = status, answer, delay
    client = RasaClient(url, timeout_seconds=1, auth_token=TOKEN)
    with pytest.raises(RasaUnavailable):
        await client.send("u_1", "halo")
    await client.aclose()


async def test_nothing_listening_is_rasa_unavailable() -> None:
    client = RasaClient("http://127.0.0.1:9", timeout_seconds=1, auth_token=TOKEN)
    with pytest.raises(RasaUnavailable):
        await client.send("u_1", "halo")
    assert not await client.is_ready()
    await client.aclose()


async def test_an_actions_custom_note_is_kept_apart_from_what_residents_see(fake_rasa: tuple[FakeRasa, str]) -> None:
    fake, url = fake_rasa
    fake.answer = [{"recipient_id": "u_1", "text": "Syarat KLJ"}, {"recipient_id": "u_1", "custom": {"a": 1}}]
    client = RasaClient(url, timeout_seconds=2, auth_token=TOKEN)
    replies = await client.send("u_1", "syarat klj")
    await client.aclose()
    assert replies == [BotReply("Syarat KLJ"), BotReply("", custom={"a": 1})]


async def test_execute_runs_one_named_action_in_the_senders_conversation(fake_rasa: tuple[FakeRasa, str]) -> None:
    fake, url = fake_rasa
    fake.answer = [{"recipient_id": "u_1", "custom": {"content_reload": {"ok": True}}}]
    client = RasaClient(url, timeout_seconds=2, auth_token=TOKEN)
    replies = await client.execute("u_1", "action_reload_content")
    fake.status = 500
    with pytest.raises(RasaUnavailable):
        await client.execute("u_1", "action_reload_content")
    await client.aclose()
    assert fake.received[0]["path"] == "/conversations/u_1/tracker/events", "the conversation is opened first"
    assert fake.received[1] == {"path": "/conversations/u_1/execute", "name": "action_reload_content"}
    assert replies == [BotReply("", custom={"content_reload": {"ok": True}})]


async def test_staff_commands_and_the_health_check_carry_rasas_api_token(fake_rasa: tuple[FakeRasa, str]) -> None:
    """Rasa's HTTP API refuses requests without the token; the bot's own requests get through."""
    fake, url = fake_rasa
    fake.answer = [{"recipient_id": "u_1", "custom": {"content_reload": {"ok": True}}}]
    client = RasaClient(url, timeout_seconds=2, auth_token=TOKEN)
    assert await client.is_ready()
    replies = await client.execute("u_1", "action_reload_content")
    assert replies == [BotReply("", custom={"content_reload": {"ok": True}})]
    await client.aclose()
    stranger = RasaClient(url, timeout_seconds=2, auth_token="wrong")
    assert not await stranger.is_ready()
    with pytest.raises(RasaUnavailable):
        await stranger.execute("u_1", "action_reload_content")
    await stranger.aclose()
