"""The eligibility check reads each message right: buttons (never trusted), typed answers, corrections,
side questions, restarts; and asks only the questions still relevant (issue 16 points 2 and 5)."""

from __future__ import annotations

import pytest
from eligibility_tracker import asking, message, tap, validate
from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility_content import DONE, slot_of
from actions.eligibility_form import ValidateKelayakanForm
from infobansos import protocol
from infobansos.eligibility import UNKNOWN

CHOSEN = protocol.ELIGIBILITY_CHOSEN_SLOT
DOMAIN_SLOTS = [slot_of(key) for key in protocol.ELIGIBILITY_KEYS]
NOT_UNDERSTOOD = "belum paham"


async def required(slots: dict) -> list[str]:
    tracker = asking(None, "", slots)
    return await ValidateKelayakanForm().required_slots(DOMAIN_SLOTS, CollectingDispatcher(), tracker, {})


async def test_the_check_starts_with_the_first_question() -> None:
    assert await required({}) == [slot_of("domisili")]


async def test_the_desil_is_asked_only_of_a_family_in_dtsen() -> None:
    answered = {slot_of("domisili"): "ktp_dki_lama"}
    assert await required({**answered, slot_of("dtsen"): "ya"}) == [*map(slot_of, ("domisili", "dtsen", "desil"))]
    not_in_dtsen = await required({**answered, slot_of("dtsen"): "tidak"})
    assert slot_of("desil") not in not_in_dtsen and not_in_dtsen[-1] == slot_of("anggota")


async def test_the_school_level_is_asked_only_when_a_child_goes_to_school() -> None:
    answered = {slot_of("domisili"): "ktp_dki_lama", slot_of("dtsen"): "tidak"}
    with_pupil = await required({**answered, slot_of("anggota"): ["anak_sekolah", "lansia"]})
    assert with_pupil[-1] == slot_of("jenjang")
    elder_only = await required({**answered, slot_of("anggota"): ["lansia"]})
    assert slot_of("jenjang") not in elder_only


async def test_text_not_yet_read_counts_as_no_answer() -> None:
    """from_text puts the raw message in the slot before validation: it must not pass as an answer."""
    assert await required({slot_of("domisili"): "ktp saya jakarta"}) == [slot_of("domisili")]


async def test_a_button_answers_its_question() -> None:
    slots, said = await validate("domisili", tap("domisili", "domisili", "ktp_dki_baru"))
    assert slots == {slot_of("domisili"): "ktp_dki_baru", CHOSEN: None}
    assert said == []


@pytest.mark.parametrize("forged", ["ktp_bogor", "ya", "../../etc", DONE])
async def test_a_button_value_the_question_does_not_have_is_refused(forged: str) -> None:
    slots, said = await validate("domisili", tap("domisili", "domisili", forged))
    assert slots == {slot_of("domisili"): None}, "nothing reaches the rules"
    assert NOT_UNDERSTOOD in said[0]


async def test_members_are_tapped_one_by_one_then_confirmed() -> None:
    slots, _ = await validate("anggota", tap("anggota", "anggota", "balita"))
    assert slots == {slot_of("anggota"): None, CHOSEN: ["balita"]}, "the question stays open"
    slots, _ = await validate("anggota", tap("anggota", "anggota", "lansia", {CHOSEN: ["balita"]}))
    assert slots[CHOSEN] == ["balita", "lansia"]
    slots, _ = await validate("anggota", tap("anggota", "anggota", "balita", {CHOSEN: ["balita", "lansia"]}))
    assert slots[CHOSEN] == ["lansia"], "a second tap takes the choice back"
    slots, _ = await validate("anggota", tap("anggota", "anggota", DONE, {CHOSEN: ["lansia"]}))
    assert slots == {slot_of("anggota"): ["lansia"], CHOSEN: None}


async def test_none_of_these_and_tidak_tahu_answer_a_multi_choice_question_at_once() -> None:
    slots, _ = await validate("anggota", tap("anggota", "anggota", "tidak_ada"))
    assert slots[slot_of("anggota")] == ["tidak_ada"]
    slots, _ = await validate("anggota", tap("anggota", "anggota", UNKNOWN))
    assert slots[slot_of("anggota")] == [UNKNOWN]


@pytest.mark.parametrize(
    ("key", "typed", "expected"),
    [
        ("domisili", "ktp jakarta udah lama", "ktp_dki_lama"),
        ("dtsen", "blm terdaftar", "tidak"),
        ("dtsen", "ga tau", UNKNOWN),
        ("desil", "desil 2", "2"),
        ("anggota", "ada anak SD sama nenek", ["anak_sekolah", "lansia"]),
        ("pengecualian", "ga punya mobil", "tidak"),
    ],
)
async def test_a_typed_answer_is_understood(key: str, typed: str, expected: object) -> None:
    slots, said = await validate(key, asking(key, typed))
    assert slots[slot_of(key)] == expected
    assert said == []


async def test_a_typed_answer_adds_to_the_members_already_tapped() -> None:
    slots, _ = await validate("anggota", asking("anggota", "sama ada lansia", {CHOSEN: ["balita"]}))
    assert slots == {slot_of("anggota"): ["balita", "lansia"], CHOSEN: None}


async def test_a_correction_changes_an_earlier_answer_and_the_check_goes_on() -> None:
    earlier = {slot_of("domisili"): "ktp_dki_lama", slot_of("dtsen"): "tidak", slot_of("anggota"): ["anak_sekolah"]}
    earlier[slot_of("jenjang")] = ["sd"]
    slots, said = await validate("pengecualian", asking("pengecualian", "eh salah, anak saya SMA", earlier))
    assert slots == {slot_of("pengecualian"): None, slot_of("jenjang"): ["sma"]}
    assert said == [message("kelayakan_corrected")]


async def test_a_button_of_an_earlier_question_changes_that_answer() -> None:
    earlier = {slot_of("domisili"): "ktp_dki_lama", slot_of("dtsen"): "ya"}
    slots, said = await validate("desil", tap("dtsen", "desil", "tidak", earlier))
    assert slots == {slot_of("desil"): None, slot_of("dtsen"): "tidak"}
    assert said == [message("kelayakan_corrected")]


async def test_a_side_question_is_answered_and_the_question_waits() -> None:
    side = asking("dtsen", "syarat KLJ apa?", {protocol.PROGRAM: "klj"}, intent="tanya_syarat")
    slots, said = await validate("dtsen", side)
    assert slots == {slot_of("dtsen"): None}
    assert "60 tahun" in said[0], "the KLJ requirements"
    assert said[-1] == message("kelayakan_still_waiting")


async def test_restarting_forgets_every_answer() -> None:
    earlier = {slot_of("domisili"): "ktp_dki_lama", slot_of("dtsen"): "ya"}
    slots, said = await validate("desil", asking("desil", "ulang dari awal", earlier, intent="cek_kelayakan"))
    assert all(slots[slot_of(key)] is None for key in protocol.ELIGIBILITY_KEYS)
    assert said == [message("kelayakan_restarted")]


async def test_anything_else_is_not_taken_for_an_answer() -> None:
    slots, said = await validate("pengecualian", asking("pengecualian", "hmm bingung saya", intent="out_of_scope"))
    assert slots == {slot_of("pengecualian"): None}
    assert NOT_UNDERSTOOD in said[0]


@pytest.mark.parametrize("typed", ["batal", "/batal", "gak jadi deh"])
async def test_batal_steps_the_form_aside_so_the_check_is_cancelled(typed: str) -> None:
    events = await ValidateKelayakanForm().run(CollectingDispatcher(), asking("dtsen", typed, intent="batal"), {})
    assert [event["event"] for event in events] == ["action_execution_rejected"]


async def test_skip_read_as_batal_only_skips_the_question() -> None:
    """NLU reads "skip" as `batal` (0.59 on the trained model); here it means "Tidak tahu / lewati"."""
    tracker = asking("dtsen", "skip", {slot_of("domisili"): "ktp_dki_lama"}, intent="batal")
    tracker.events = [{"event": "slot", "name": slot_of("dtsen"), "value": "skip"}]  # from_text, as Rasa sends it
    domain = {"forms": {protocol.ELIGIBILITY_FORM: {"required_slots": DOMAIN_SLOTS}}}
    events = await ValidateKelayakanForm().run(CollectingDispatcher(), tracker, domain)
    assert {"event": "slot", "name": slot_of("dtsen"), "value": UNKNOWN} in [
        {key: event.get(key) for key in ("event", "name", "value")} for event in events
    ]
