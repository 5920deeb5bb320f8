"""The status-check actions on tracker fixtures, with a real database and real content."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from status_tracker import KK, NIK, SENDER, check, ref_for, store_application, tracker

from actions.live_content import published_content
from actions.status_check import (
    ActionAskStatusNik,
    ActionStartStatusCheck,
    ValidateStatusForm,
    log_status_turn,
)
from actions.status_words import status_content
from infobansos import protocol
from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.summary import TurnSummary
from infobansos.question_log.turns import TurnLog
from infobansos.settings import get_settings
from infobansos.storage.engine import session_factory


@pytest.fixture(autouse=True)
def fresh_caches() -> None:
    published_content.cache_clear()


async def test_in_a_group_the_check_does_not_start_and_no_nik_is_asked() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionStartStatusCheck().run(dispatcher, tracker("cek status", chat_type="supergroup"), {})
    assert events == []
    assert "chat pribadi" in dispatcher.messages[0]["text"]


async def test_a_nik_sent_unasked_starts_the_form_with_it() -> None:
    ref = ref_for(NIK)
    events = await ActionStartStatusCheck().run(CollectingDispatcher(), tracker(f"nik saya {ref}"), {})
    assert {"event": "slot", "name": protocol.STATUS_NIK_SLOT, "value": ref, "timestamp": None} in events
    assert events[-1] == FollowupAction("status_form")


async def test_a_short_nik_is_refused_with_the_count() -> None:
    dispatcher = CollectingDispatcher()
    result = await ValidateStatusForm().validate_status_nik("3175 0952", dispatcher, tracker("3175 0952"), {})
    assert result == {protocol.STATUS_NIK_SLOT: None}
    assert "Yang Anda kirim 8 angka" in dispatcher.messages[0]["text"]


async def test_someone_elses_reference_is_not_accepted() -> None:
    ref = ref_for(NIK, sender="u_someone_else")
    dispatcher = CollectingDispatcher()
    result = await ValidateStatusForm().validate_status_nik(ref, dispatcher, tracker(ref), {})
    assert result == {protocol.STATUS_NIK_SLOT: None}


async def test_found_answer_uses_staff_words_and_masks_the_nik() -> None:
    store_application()
    nik_ref, kk_ref = ref_for(NIK), ref_for(KK)
    dispatcher = CollectingDispatcher()
    result = await ValidateStatusForm().validate_status_kk(
        kk_ref, dispatcher, tracker(kk_ref, {protocol.STATUS_NIK_SLOT: nik_ref}), {}
    )
    assert result == {protocol.STATUS_KK_SLOT: kk_ref, protocol.STATUS_NIK_SLOT: nik_ref}
    text = dispatcher.messages[0]["text"]
    assert "3175********0012" in text and NIK not in text
    assert status_content().statuses["ditolak"].label in text and "NIK tidak padan" in text


async def test_wrong_kk_asks_again_with_the_tries_left() -> None:
    store_application()
    nik_ref, wrong_ref = ref_for(NIK), ref_for("3175090000000099")
    dispatcher = CollectingDispatcher()
    result = await ValidateStatusForm().validate_status_kk(
        wrong_ref, dispatcher, tracker(wrong_ref, {protocol.STATUS_NIK_SLOT: nik_ref}), {}
    )
    assert result == {protocol.STATUS_KK_SLOT: None}
    assert "Sisa kesempatan: 2 kali" in dispatcher.messages[0]["text"]


async def test_a_nik_not_in_the_data_gets_the_same_reply_as_a_wrong_kk() -> None:
    """Otherwise a leaked NIK list could be checked against the aid data, one NIK at a time."""
    store_application()
    wrong_kk = await check(NIK, "3175090000000099", sender="u_one")
    unknown_nik = await check("3175095203850099", "3175090000000099", sender="u_two")
    assert wrong_kk[0] == unknown_nik[0] == {protocol.STATUS_KK_SLOT: None}, "both ask for the KK again"
    assert wrong_kk[1].replace("3175********0012", "3175********0099") == unknown_nik[1]


def logged() -> tuple[list[str | None], list[tuple[str, str | None]]]:
    with session_factory(get_settings().database_url)() as session:
        answers = list(session.scalars(select(TurnLog.answer_id)))
        signals = [tuple(r) for r in session.execute(select(ConfusionSignal.reason, ConfusionSignal.detail))]
    return answers, signals


async def test_a_refused_check_is_logged_as_a_confusion_with_its_reason() -> None:
    store_application()
    nik_ref, wrong_ref = ref_for(NIK), ref_for("3175090000000099")
    dispatcher = CollectingDispatcher()
    slot_tracker = tracker(wrong_ref, {protocol.STATUS_NIK_SLOT: nik_ref})
    await ValidateStatusForm().validate_status_kk(wrong_ref, dispatcher, slot_tracker, {})
    await log_status_turn(slot_tracker, dispatcher)
    assert logged() == (["status:no_match"], [("cek_status_gagal", "no_match")])


async def test_starting_the_check_is_logged_without_a_confusion() -> None:
    await ActionStartStatusCheck().run(CollectingDispatcher(), tracker("cek status", chat_type="supergroup"), {})
    assert logged() == (["status:private_chat_only"], [])


async def test_each_status_answer_tells_the_bot_what_was_understood() -> None:
    """The bot decides "a KK after a NIK is no rephrase" from this note, not from the database."""
    dispatcher = CollectingDispatcher()
    await ActionStartStatusCheck().run(dispatcher, tracker("cek status", chat_type="supergroup"), {})
    refusal, note = dispatcher.messages
    assert "chat pribadi" in refusal["text"]
    assert protocol.ASK_FEEDBACK not in note["custom"], "a status reply is not rated"
    summary = TurnSummary.from_json(note["custom"])
    assert summary is not None
    assert (summary.intent, summary.answer_id) == ("kirim_nomor", "status:private_chat_only")


async def test_a_step_that_said_nothing_sends_no_note() -> None:
    dispatcher = CollectingDispatcher()
    await ActionAskStatusNik().run(dispatcher, tracker("3175", slots={"requested_slot": protocol.STATUS_NIK_SLOT}), {})
    assert dispatcher.messages == []


async def test_starting_the_check_refuses_nothing_before_the_resident_typed_a_number() -> None:
    """At activation Rasa validates the slots the start action cleared; they were not typed, so no refusal."""
    events = [
        {"event": "user", "text": "cek status", "parse_data": {"intent": {"name": "cek_status"}}},
        {"event": "action", "name": "action_start_status_check"},
        {"event": "active_loop", "name": "status_form"},
        # Rasa appends the slot candidates to validate last: here the two the start action cleared.
        {"event": "slot", "name": protocol.STATUS_NIK_SLOT, "value": None},
        {"event": "slot", "name": protocol.STATUS_KK_SLOT, "value": None},
    ]
    activating = Tracker(
        SENDER,
        {protocol.STATUS_NIK_SLOT: None, protocol.STATUS_KK_SLOT: None},
        {"text": "cek status", "intent": {"name": "cek_status"}},
        events,
        False,
        None,
        {"name": "status_form"},
        "action_start_status_check",
    )
    dispatcher = CollectingDispatcher()
    domain = {
        "forms": {"status_form": {"required_slots": [protocol.STATUS_NIK_SLOT, protocol.STATUS_KK_SLOT]}},
        "slots": {protocol.STATUS_NIK_SLOT: {}, protocol.STATUS_KK_SLOT: {}},
    }
    await ValidateStatusForm().run(dispatcher, activating, domain)
    assert dispatcher.messages == [], "the resident would read an error before being asked anything"


async def test_a_question_instead_of_the_nik_is_answered_and_the_check_keeps_waiting() -> None:
    asking = tracker("knp harus pake nik sih")
    asking.latest_message["intent"] = {"name": "tanya_privasi", "confidence": 0.93}
    dispatcher = CollectingDispatcher()
    result = await ValidateStatusForm().validate_status_nik("knp harus pake nik sih", dispatcher, asking, {})
    assert result == {protocol.STATUS_NIK_SLOT: None}
    answer, waiting = dispatcher.messages
    assert answer["text"].startswith("🔒 Data Anda di bot ini:") and answer["answer_id"] == "privasi_bot"
    assert waiting["text"].startswith("Cek status masih berjalan. Kalau sudah siap, ketik 16 angka NIK.")


async def test_a_number_is_the_number_whatever_nlu_thought_of_the_sentence() -> None:
    ref = ref_for(NIK)
    asking = tracker(f"ini nik ibu saya {ref} aman kan")
    asking.latest_message["intent"] = {"name": "tanya_privasi", "confidence": 0.9}
    result = await ValidateStatusForm().validate_status_nik(
        f"ini nik ibu saya {ref} aman kan", CollectingDispatcher(), asking, {}
    )
    assert result == {protocol.STATUS_NIK_SLOT: ref}


@pytest.mark.parametrize(
    ("typed", "answered"),
    [("hasilnya keluar berapa lama", True), ("aman ga? takut disalahgunain", True), ("saya lupa", False)],
)
async def test_an_unsure_message_is_answered_as_a_question_only_when_it_asks(typed: str, answered: bool) -> None:
    unsure = tracker(typed)
    unsure.latest_message["intent"] = {"name": "nlu_fallback", "confidence": 0.5}
    unsure.latest_message["intent_ranking"] = [{"name": "nlu_fallback"}, {"name": "tanya_privasi"}]
    dispatcher = CollectingDispatcher()
    await ValidateStatusForm().validate_status_nik(typed, dispatcher, unsure, {})
    texts = [m["text"] for m in dispatcher.messages]
    if answered:
        assert texts[0].startswith("Maaf, saya belum paham pertanyaan Anda."), texts
        assert texts[-1].startswith("Cek status masih berjalan.")
    else:
        assert texts == [status_content().message("no_number", what="NIK")]


@pytest.mark.parametrize(("typed", "intent"), [("oke makasih", "terima_kasih"), ("ok dah, dadah", "pamit")])
async def test_thanks_or_goodbye_while_the_kk_is_awaited_is_answered_not_refused(typed: str, intent: str) -> None:
    """A resident who says "oke makasih" after sending the NIK hears thanks back, not an error."""
    closing = tracker(typed, slots={protocol.STATUS_NIK_SLOT: ref_for(NIK)})
    closing.latest_message["intent"] = {"name": intent, "confidence": 0.95}
    dispatcher = CollectingDispatcher()
    result = await ValidateStatusForm().validate_status_kk(typed, dispatcher, closing, {})
    assert result == {protocol.STATUS_KK_SLOT: None}
    texts = [m["text"] for m in dispatcher.messages]
    assert not any("belum menemukan nomor" in text for text in texts), texts
    assert dispatcher.messages[0]["answer_id"] == intent
    assert texts[-1].startswith("Cek status masih berjalan. Kalau sudah siap, ketik 16 angka KK.")
