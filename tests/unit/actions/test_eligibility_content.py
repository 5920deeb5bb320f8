"""The check's questions as buttons, and the answers the engine reads back from the slots."""

from __future__ import annotations

import pytest

from actions.eligibility_content import (
    DONE,
    answer_payload,
    answers_from_slots,
    question_message,
    slot_of,
    tapped_answer,
    valid_answer,
)
from actions.live_content import published_content
from bot.rendering import CALLBACK_DATA_MAX_BYTES, SIGNATURE_SEPARATOR, ButtonPayloads
from infobansos import protocol
from infobansos.content.store import ContentStore
from infobansos.eligibility import UNKNOWN


@pytest.fixture
def store() -> ContentStore:
    return published_content().current()


def test_every_question_key_of_the_content_has_its_slot() -> None:
    rules = published_content().current().eligibility
    assert tuple(question.key for question in rules.questions) == protocol.ELIGIBILITY_KEYS


def test_a_question_shows_every_option_and_tidak_tahu_last(store: ContentStore) -> None:
    question = store.eligibility.question("dtsen")
    text, buttons = question_message(store, question)
    assert text == question.text and "DTSEN" in text
    assert [b.payload for b in buttons] == [answer_payload("dtsen", v) for v in ("ya", "tidak", UNKNOWN)]
    assert buttons[-1].title.startswith("Tidak tahu")


def test_members_already_chosen_are_shown_and_the_rest_offered_with_a_done_button(store: ContentStore) -> None:
    question = store.eligibility.question("anggota")
    text, buttons = question_message(store, question, ["balita", "lansia"])
    assert "Anak 0–6 tahun, Lansia (60 tahun ke atas)" in text
    payloads = [b.payload for b in buttons]
    assert answer_payload("anggota", "balita") not in payloads and answer_payload("anggota", "mahasiswa") in payloads
    assert answer_payload("anggota", "tidak_ada") not in payloads, "none of these no longer fits"
    assert payloads[-1] == answer_payload("anggota", DONE)
    assert buttons[-1].title == store.message("kelayakan_done_button")


def test_a_payload_names_the_question_and_the_option() -> None:
    payload = answer_payload("anggota", "balita")
    assert payload == '/cek_kelayakan{"jwb":"anggota:balita"}'
    parsed = {"entities": [{"entity": "jwb", "value": "anggota:balita"}]}
    assert tapped_answer(parsed) == ("anggota", "balita")
    assert tapped_answer({"entities": [{"entity": "jwb", "value": "balita"}]}) is None
    assert tapped_answer({"entities": [{"entity": "program", "value": "klj"}]}) is None


def test_only_the_questions_own_options_count_as_answers(store: ContentStore) -> None:
    rules = store.eligibility
    assert valid_answer(rules.question("dtsen"), "ya") == "ya"
    assert valid_answer(rules.question("dtsen"), "iya dong") is None
    assert valid_answer(rules.question("anggota"), ["lansia", "lansia"]) == ("lansia",)
    assert valid_answer(rules.question("anggota"), ["lansia", "bos"]) is None
    assert valid_answer(rules.question("anggota"), [UNKNOWN]) == UNKNOWN
    slots = {slot_of("domisili"): "ktp_dki_lama", slot_of("dtsen"): "terdaftar kayaknya", slot_of("desil"): None}
    assert answers_from_slots(rules, slots) == {"domisili": "ktp_dki_lama"}


def test_every_button_fits_telegram_signed_so_it_survives_a_bot_restart(store: ContentStore) -> None:
    """A longer payload would live only in the bot's memory (bot/rendering.py): a restart mid-check
    would turn the buttons into "tombol itu sudah tidak berlaku"."""
    room = CALLBACK_DATA_MAX_BYTES - len(SIGNATURE_SEPARATOR) - len(ButtonPayloads(b"k")._signature("x"))
    for question in store.eligibility.questions:
        _, buttons = question_message(store, question, [question.options[0].value])
        for button in (*question_message(store, question)[1], *buttons):
            assert len(button.payload.encode()) <= room, button.payload
