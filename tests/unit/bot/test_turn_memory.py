"""The action server's note in Rasa's reply: hidden from the resident, kept for the 👎 suggestions.

The last tests drive the real bot `Application` through the Telegram stand-in, with a fake Rasa
that answers like the real one but writes nothing to the database: whatever the bot shows after
a 👎 can then only come from the note, never from reading the action server's half back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import select
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.rasa_client import BotReply, ReplyButton
from bot.rendering import shown_payload
from bot.turn_memory import TurnMemory, take_summary
from infobansos import protocol
from infobansos.content.store import load_content
from infobansos.question_log.signals import ConfusionSignal, Reason
from infobansos.question_log.summary import RankedIntent, TurnSummary
from infobansos.question_log.turns import FEEDBACK_DOWN, TurnLog
from infobansos.settings import get_settings
from infobansos.storage.engine import session_factory
from standin.server import TelegramStandIn

CHAT = 4242
SYARAT_KLJ = TurnSummary(
    intent="tanya_syarat",
    confidence=0.91,
    ranking=(
        RankedIntent("tanya_syarat", 0.91),
        RankedIntent("tanya_cara_daftar", 0.05),
        RankedIntent("tanya_besaran", 0.02),
    ),
    program="klj",
    answer_id="klj_syarat",
)


def note(summary: TurnSummary, ask_feedback: bool = True) -> dict[str, Any]:
    """The custom note as the action server sends it (actions.question_log.finish_turn)."""
    return {**summary.to_json(), protocol.ASK_FEEDBACK: True} if ask_feedback else summary.to_json()


def test_the_summary_is_taken_out_and_the_feedback_marker_stays() -> None:
    answer = BotReply("Syarat KLJ…", (ReplyButton("Menu", "/greet"),))
    summary, replies = take_summary([answer, BotReply("", custom=note(SYARAT_KLJ))])
    assert summary == SYARAT_KLJ
    assert replies == [answer, BotReply("", custom={protocol.ASK_FEEDBACK: True})]


def test_a_note_with_only_the_summary_leaves_nothing_to_render() -> None:
    summary, replies = take_summary([BotReply("Halo!"), BotReply("", custom=note(SYARAT_KLJ, ask_feedback=False))])
    assert summary == SYARAT_KLJ and replies == [BotReply("Halo!")]


def test_the_last_note_of_a_turn_wins_and_a_reply_without_one_has_no_summary() -> None:
    """Several status-check actions may answer one message; the last describes the answer given."""
    later = dataclasses.replace(SYARAT_KLJ, answer_id="status:ask_kk")
    summary, _ = take_summary([BotReply("", custom=note(SYARAT_KLJ)), BotReply("", custom=note(later))])
    assert summary == later
    assert take_summary([BotReply("Halo!")]) == (None, [BotReply("Halo!")])


def test_memory_is_bounded_and_only_gives_a_resident_their_own_turns() -> None:
    memory = TurnMemory(size=2)
    for turn_id in ("a", "b", "c"):
        memory.remember(turn_id, "u_me", SYARAT_KLJ)
    assert len(memory) == 2 and memory.recall("a", "u_me") is None, "the oldest is forgotten"
    assert memory.recall("c", "u_me") == SYARAT_KLJ
    assert memory.recall("c", "u_other") is None


class FakeRasa:
    """Answers every message like Rasa with a factual answer: the text, then the action's note."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []

    async def webhook(self, request: web.Request) -> web.Response:
        self.received.append(await request.json())
        sender = self.received[-1]["sender"]
        return web.json_response(
            [
                {"recipient_id": sender, "text": "Syarat KLJ: berusia 60 tahun ke atas."},
                {"recipient_id": sender, "custom": note(SYARAT_KLJ)},
            ]
        )


@pytest.fixture
async def rasa_url() -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", FakeRasa().webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    await runner.cleanup()


@pytest.fixture
async def standin() -> AsyncIterator[TelegramStandIn]:
    async with TelegramStandIn() as server:
        server.add_chat(CHAT)
        yield server


async def start_bot(standin: TelegramStandIn, rasa_url: str) -> Application:
    """A freshly started bot process, as far as its memory goes."""
    settings = dataclasses.replace(get_settings(), rasa_urls=(rasa_url,))
    application = build_application(settings, standin.token, standin.base_url)
    await application.initialize()
    await application.start()
    return application


async def stop_bot(application: Application) -> None:
    await application.stop()
    await application.shutdown()


async def deliver(application: Application, raw_update: dict[str, Any]) -> None:
    await application.process_update(Update.de_json(raw_update, application.bot))


def thumbs_down_on(standin: TelegramStandIn, message_id: int) -> str:
    [data] = [data for row in standin.messages(CHAT)[0].buttons for title, data in row if data.endswith(":down")]
    return standin.press_button(CHAT, message_id, data)


def stored_turn() -> tuple[TurnLog, list[str]]:
    with session_factory(get_settings().database_url)() as session:
        return session.scalars(select(TurnLog)).one(), list(session.scalars(select(ConfusionSignal.reason)))


async def test_the_note_is_never_shown_and_a_thumbs_down_suggests_from_memory(
    standin: TelegramStandIn, rasa_url: str
) -> None:
    bot = await start_bot(standin, rasa_url)
    try:
        await deliver(bot, standin.send_text(CHAT, "syarat kartu lansia apa aja"))
        [answer] = standin.new_messages(CHAT)
        assert answer.text.startswith("Syarat KLJ: berusia 60 tahun ke atas.")
        assert not any(word in answer.text for word in ("tanya_syarat", "klj_syarat", "ranking", "{"))
        turn, _ = stored_turn()
        assert turn.intent is None and turn.ranking is None, "no action-side row: nothing to read back"
        thumbs_down_on(standin, answer.message_id)
        await deliver(bot, standin.last_update)
        [sorry] = standin.new_messages(CHAT)
    finally:
        await stop_bot(bot)
    payloads = [shown_payload(data) for row in sorry.buttons for _, data in row]
    assert payloads[:2] == ['/tanya_cara_daftar{"program": "klj"}', '/tanya_besaran{"program": "klj"}']
    assert payloads[-1] == "/tanya_kontak"
    turn, reasons = stored_turn()
    assert turn.feedback == FEEDBACK_DOWN and reasons == [Reason.THUMBS_DOWN.value]


async def test_a_restarted_bot_stores_the_thumbs_down_and_thanks_without_suggestions(
    standin: TelegramStandIn, rasa_url: str
) -> None:
    before = await start_bot(standin, rasa_url)
    try:
        await deliver(before, standin.send_text(CHAT, "syarat kartu lansia apa aja"))
        [answer] = standin.new_messages(CHAT)
    finally:
        await stop_bot(before)
    after = await start_bot(standin, rasa_url)  # its memory is empty
    try:
        query_id = thumbs_down_on(standin, answer.message_id)
        await deliver(after, standin.last_update)
    finally:
        await stop_bot(after)
    assert standin.new_messages(CHAT) == [], "nothing to suggest from, so no message with buttons"
    [answered] = [q for q in standin.answered_callbacks if q.get("callback_query_id") == query_id]
    assert answered["text"] == load_content(get_settings().content_dir).message("feedback_thanks")
    turn, reasons = stored_turn()
    assert turn.feedback == FEEDBACK_DOWN and reasons == [Reason.THUMBS_DOWN.value]
