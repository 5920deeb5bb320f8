from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.content_answers import ActionAnswer, content_store
from infobansos.db import AnswerLog, session_factory
from infobansos.settings import get_settings


def tracker_for(intent: str | None, confidence: float = 0.97, sender: str = "u_test") -> Tracker:
    latest: dict[str, Any] = {"text": "apa itu DTKS?"}
    if intent:
        latest["intent"] = {"name": intent, "confidence": confidence}
    return Tracker(sender, {}, latest, [], False, None, {}, "action_listen")


@pytest.fixture(autouse=True)
def fresh_content() -> None:
    content_store.cache_clear()


async def run(intent: str | None) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, tracker_for(intent), {})
    assert events == []
    return dispatcher


async def test_dtks_question_is_answered_from_content_and_mentions_dtsen() -> None:
    dispatcher = await run("tanya_dtks")
    [message] = dispatcher.messages
    assert "DTSEN" in message["text"] and "2025" in message["text"]
    assert "Pendaftaran DTKS yang lama sudah ditutup" in message["text"]


async def test_greeting_comes_with_a_menu_button() -> None:
    dispatcher = await run("greet")
    [message] = dispatcher.messages
    assert message["text"].startswith("Halo!")
    assert message["buttons"] == [{"title": "Apa itu DTKS / DTSEN?", "payload": "/tanya_dtks"}]


@pytest.mark.parametrize("intent", ["nlu_fallback", "intent_tanpa_jawaban", None])
async def test_unknown_or_unanswered_intent_gets_the_polite_fallback(intent: str | None) -> None:
    dispatcher = await run(intent)
    [message] = dispatcher.messages
    assert message["text"].startswith("Maaf, saya belum paham")


async def test_each_answer_is_recorded_with_the_pseudonymous_sender_only() -> None:
    await run("tanya_dtks")
    with session_factory(get_settings().database_url)() as session:
        rows = session.scalars(select(AnswerLog)).all()
    assert [(r.sender, r.intent, r.answer_id) for r in rows] == [("u_test", "tanya_dtks", "dtks_apa_itu")]
    assert rows[0].confidence == pytest.approx(0.97)


async def test_a_broken_database_does_not_cost_the_resident_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:////proc/no-such-dir/db.sqlite3")
    get_settings.cache_clear()
    dispatcher = await run("tanya_dtks")
    assert "DTSEN" in dispatcher.messages[0]["text"]
