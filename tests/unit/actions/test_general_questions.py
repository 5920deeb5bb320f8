"""A question about DTSEN/DTKS, or a button offered without a program, is answered in general, not for
the program the conversation was on (issue 14 point 7): "cara daftar dtsen gimana" right after a KJP
answer wants the way into DTSEN, not KJP's registration.

In the blind conversations (rounds 0-13), the rule changes two follow-ups that named no program,
both labelled general ("desil saya berapa ya, liatnya di mana" after BPNT, "cara ngecek kita udah
masuk DTSEN apa belum gmn" after KAJ), and no follow-up labelled with a program."""

from __future__ import annotations

from typing import Any

import pytest
from answer_tracker import run_with_events, tracker_for
from rasa_sdk.executor import CollectingDispatcher

from actions.content_answers import ActionAnswer
from infobansos import protocol

DTSEN = [{"entity": protocol.REGISTRY, "value": protocol.REGISTRY_VALUE, "start": 11, "end": 16}]
KJP = {"program": "kjp_plus", "question_type": "tanya_jadwal_cair"}


def answered(dispatcher: CollectingDispatcher) -> str:
    """The content entry the resident read (its id rides in the note to the bot)."""
    [note] = [m for m in dispatcher.messages if m.get("custom")]
    return note["custom"][protocol.TURN_SUMMARY]["answer_id"]


async def test_a_dtsen_question_after_a_kjp_answer_gets_the_dtsen_answer_not_kjp_registration() -> None:
    dispatcher, events = await run_with_events("tanya_cara_daftar", slots=KJP, entities=DTSEN)
    assert answered(dispatcher) == "umum_cara_daftar", "the way into DTSEN, not KJP Plus's registration"
    assert "DTSEN" in dispatcher.messages[0]["text"]
    assert events == [{"event": "slot", "timestamp": None, "name": "question_type", "value": "tanya_cara_daftar"}], (
        "the program slot is kept: 'kalau udah masuk, uangnya berapa?' goes back to KJP Plus"
    )


async def test_the_same_follow_up_without_dtsen_still_answers_for_the_program() -> None:
    dispatcher, _ = await run_with_events("tanya_cara_daftar", slots=KJP)
    assert answered(dispatcher) == "kjp_plus_cara_daftar"


async def test_a_named_program_outweighs_dtsen() -> None:
    both = [*DTSEN, {"entity": "program", "value": "klj", "start": 0, "end": 3}]
    dispatcher, _ = await run_with_events("tanya_cara_daftar", slots={**KJP, "program": "klj"}, entities=both)
    assert answered(dispatcher) == "klj_cara_daftar"


@pytest.mark.parametrize(
    ("payload", "entities", "expected"),
    [
        ("/tanya_cara_daftar", [], "umum_cara_daftar"),  # "Cara masuk DTSEN" under the DTSEN answer
        ("/tanya_syarat", [], "umum_syarat"),  # "Syarat bantuan" under the greeting
        ('/tanya_syarat{"program": "kjp_plus"}', [{"entity": "program", "value": "kjp_plus"}], "kjp_plus_syarat"),
    ],
)
async def test_a_button_without_a_program_is_a_general_question(
    payload: str, entities: list[dict[str, Any]], expected: str
) -> None:
    intent = payload.removeprefix("/").partition("{")[0]
    dispatcher = CollectingDispatcher()
    tracker = tracker_for(intent, confidence=1.0, slots=KJP, entities=entities)
    tracker.latest_message["text"] = payload
    await ActionAnswer().run(dispatcher, tracker, {})
    assert answered(dispatcher) == expected


async def test_an_unsure_dtsen_question_offers_general_topics_not_the_earlier_program() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "tanya_cara_daftar", "confidence": 0.4},
        {"name": "tanya_cara_cek", "confidence": 0.35},
    ]
    dispatcher, _ = await run_with_events("nlu_fallback", slots=KJP, ranking=ranking, entities=DTSEN)
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads[:2] == ["/tanya_cara_daftar", "/tanya_cara_cek"], payloads
