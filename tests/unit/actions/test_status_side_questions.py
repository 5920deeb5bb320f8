"""A question asked while the status check waits for a number is answered, never told "saya belum
menemukan nomor NIK" (issue 14 point 7). The NLU readings are what the trained model gave these messages.

On the 101 turns of blind conversations (rounds 0-13) typed while the check waited for a number, 2
were told "no number found" before this change ("kk jg? bntr gw cari dulu", "sambil nunggu, pinjol
yang aman apa ya"), none after; the 38 read as `batal` cancel the check as before."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher
from status_tracker import NIK, ref_for, tracker

from actions.live_content import published_content
from actions.status_check import ValidateStatusForm
from actions.status_side_questions import asks
from actions.status_words import status_content
from infobansos import protocol

UNSURE = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "tanya_privasi", "confidence": 0.45}]


@pytest.fixture(autouse=True)
def fresh_caches() -> None:
    published_content.cache_clear()


def reading(typed: str, intent: str, slots: dict | None = None) -> object:
    asking = tracker(typed, slots)
    asking.latest_message["intent"] = {"name": intent, "confidence": 0.5 if intent == "nlu_fallback" else 0.8}
    asking.latest_message["intent_ranking"] = UNSURE if intent == "nlu_fallback" else []
    return asking


@pytest.mark.parametrize(
    ("typed", "intent"),
    [
        ("nik yang mana? punya saya atau ibu saya", "nlu_fallback"),
        ("kenapa harus pakai nik", "nlu_fallback"),
        ("saya ga hafal nik", "nlu_fallback"),
        ("nik itu 16 angka ya", "nlu_fallback"),  # "16" is no attempt at a NIK: not "Yang Anda kirim 2 angka"
        ("cek status kjp", "cek_status"),  # asked again while the check already waits for the NIK
    ],
)
async def test_a_question_about_the_nik_explains_again_which_number_is_needed(typed: str, intent: str) -> None:
    dispatcher = CollectingDispatcher()
    result = await ValidateStatusForm().validate_status_nik(typed, dispatcher, reading(typed, intent), {})
    assert result == {protocol.STATUS_NIK_SLOT: None}, "the check goes on waiting for the NIK"
    [explained] = [m for m in dispatcher.messages if m.get("text")]
    assert explained["text"] == status_content().message("ask_nik")
    assert "belum menemukan" not in explained["text"] and "Yang Anda kirim" not in explained["text"]


async def test_a_question_about_the_kk_explains_the_kk_step_with_the_nik_already_received() -> None:
    typed = "kk jg? bntr gw cari dulu"  # blind round 10, after the NIK; read as cek_status
    asking = reading(typed, "cek_status", {protocol.STATUS_NIK_SLOT: ref_for(NIK)})
    dispatcher = CollectingDispatcher()
    result = await ValidateStatusForm().validate_status_kk(typed, dispatcher, asking, {})
    assert result == {protocol.STATUS_KK_SLOT: None}
    [explained] = [m["text"] for m in dispatcher.messages if m.get("text")]
    assert explained == status_content().message("ask_kk", masked_nik="3175********0012")


async def test_a_program_switch_during_the_check_is_answered_and_the_check_waits() -> None:
    """'kalau yang KLJ?' after a question about requirements: KLJ's requirements, then the waiting line."""
    typed = "kalau yang KLJ?"
    asking = reading(typed, "pilih_program", {"program": "klj", "question_type": "tanya_syarat"})
    dispatcher = CollectingDispatcher()
    await ValidateStatusForm().validate_status_nik(typed, dispatcher, asking, {})
    answer, waiting = [m for m in dispatcher.messages if m.get("text")]
    assert answer["answer_id"] == "klj_syarat"
    assert waiting["text"] == status_content().message("still_waiting", what="NIK")


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("hasilnya keluar berapa lama", True),
        ("knp lama bgt", True),  # slang: "knp" is "kenapa"
        ("bisa pakai kk aja ga", True),
        ("apa?", True),
        ("saya lupa", False),
        ("oke saya cari dulu", False),
    ],
)
def test_a_message_asks_with_a_question_mark_a_question_word_or_a_closing_tag(text: str, asking: bool) -> None:
    assert asks(text) is asking
