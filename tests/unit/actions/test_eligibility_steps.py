"""The check's steps as a resident meets them: the start, each question with buttons, the result,
cancelling; the answers forgotten at the end, and only counts (never answers) handed to tracking."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from eligibility_tracker import asking, message
from rasa_sdk.executor import CollectingDispatcher

from actions import eligibility_steps
from actions.eligibility_content import answer_payload, slot_of
from actions.eligibility_steps import (
    ASK_ACTIONS,
    ActionKelayakanCancel,
    ActionKelayakanResult,
    ActionKelayakanStart,
)
from infobansos import protocol
from infobansos.eligibility import UNKNOWN

ELDER_ALONE = {
    slot_of("domisili"): "ktp_dki_lama",
    slot_of("dtsen"): "ya",
    slot_of("desil"): "2",
    slot_of("anggota"): ["lansia"],
    slot_of("pengecualian"): "tidak",
    slot_of("pekerja"): "tidak",
}


@pytest.fixture
def tracked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []

    def record(name: str) -> Any:
        async def step(*args: Any) -> None:
            calls.append((name, *args))

        return step

    for name in ("track_start", "track_question", "track_finish", "track_cancel"):
        monkeypatch.setattr(eligibility_steps, name, record(name))
    return calls


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


async def test_starting_explains_the_check_forgets_old_answers_and_counts_a_new_check(tracked: list) -> None:
    dispatcher = CollectingDispatcher()
    tracker = asking(None, "apakah saya berhak dapat bansos?", ELDER_ALONE, intent=protocol.CHECK_ELIGIBILITY)
    events = await ActionKelayakanStart().run(dispatcher, tracker, {})
    intro = dispatcher.messages[0]["text"]
    assert intro == message("kelayakan_intro") and "Tidak perlu NIK atau nama" in intro
    slots = slot_events(events)
    assert all(slots[slot_of(key)] is None for key in protocol.ELIGIBILITY_KEYS)
    check_id = slots[protocol.ELIGIBILITY_ID_SLOT]
    assert len(check_id) >= 16 and tracked == [("track_start", check_id)]


async def test_each_question_is_asked_with_its_options_as_buttons(tracked: list) -> None:
    dispatcher = CollectingDispatcher()
    ask = ASK_ACTIONS["pengecualian"]()
    assert ask.name() == "action_ask_kelayakan_pengecualian"
    await ask.run(dispatcher, asking("pengecualian", ""), {})
    [question] = dispatcher.messages
    assert "ASN" in question["text"] and "mobil" in question["text"]
    payloads = [button["payload"] for button in question["buttons"]]
    assert payloads == [answer_payload("pengecualian", value) for value in ("ya", "tidak", UNKNOWN)]
    assert tracked == [("track_question", "check-1", "pengecualian")], "the stop point, never the answer"


def test_there_is_one_asking_action_per_question_key() -> None:
    names = {action().name() for action in ASK_ACTIONS.values()}
    assert names == {f"action_ask_{slot_of(key)}" for key in protocol.ELIGIBILITY_KEYS}
    for action in ASK_ACTIONS.values():  # the action server pickles what it registers
        assert pickle.loads(pickle.dumps(action())).name() == action().name()


async def test_the_result_names_the_programs_says_it_is_an_estimate_and_forgets_the_answers(tracked: list) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionKelayakanResult().run(dispatcher, asking(None, "tidak", ELDER_ALONE), {})
    result, note = dispatcher.messages
    assert note["custom"][protocol.ASK_FEEDBACK] is True, "the resident may rate the result with 👍/👎"
    assert "Ini perkiraan, bukan keputusan" in result["text"]
    assert "KLJ" in result["text"]
    assert any("KLJ" in button["title"] for button in result["buttons"]), "the way to KLJ's requirements"
    slots = slot_events(events)
    assert all(slots[slot_of(key)] is None for key in protocol.ELIGIBILITY_KEYS)
    [(step, check_id, likely)] = tracked
    assert (step, check_id) == ("track_finish", "check-1") and "klj" in likely


async def test_cancelling_says_so_and_forgets_the_answers(tracked: list) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionKelayakanCancel().run(dispatcher, asking(None, "/batal", ELDER_ALONE), {})
    assert dispatcher.messages[0]["text"] == message("kelayakan_cancelled")
    assert all(value is None for value in slot_events(events).values())
    assert tracked == [("track_cancel", "check-1")]
