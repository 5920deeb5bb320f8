"""Grading a blind-set reply by the answer the resident got, with the real content."""

from __future__ import annotations

import pytest

from devtools.eval.blind import carry_questions
from devtools.eval.blind_grading import ASKED_BACK, MISS, RIGHT, WRONG, Label, Reply, answer_for_payload, grade
from infobansos.content.store import ContentStore, load_content
from infobansos.settings import get_settings


@pytest.fixture(scope="module")
def store() -> ContentStore:
    return load_content(get_settings().content_dir)


def label(intent: str, **fields: object) -> Label:
    return Label.from_yaml({"intent": intent, **fields})


def test_the_right_answer_for_the_right_program_is_right(store: ContentStore) -> None:
    assert grade(store, label("tanya_syarat", program="klj"), Reply("klj_syarat")).outcome == RIGHT


def test_the_right_topic_for_the_wrong_program_is_confidently_wrong(store: ContentStore) -> None:
    assert grade(store, label("tanya_syarat", program="klj"), Reply("kaj_syarat")).outcome == WRONG


def test_an_answer_for_a_program_to_a_general_question_is_wrong(store: ContentStore) -> None:
    assert grade(store, label("tanya_jadwal_cair"), Reply("kjp_plus_jadwal_cair")).outcome == WRONG


def test_a_topic_without_program_answers_is_right_for_any_program(store: ContentStore) -> None:
    assert grade(store, label("tanya_privasi", program="klj"), Reply("privasi_bot")).outcome == RIGHT


def test_asking_back_is_right_within_one_tap_only_with_the_right_button(store: ContentStore) -> None:
    wanted = label("tanya_besaran", program="kaj")
    with_button = grade(store, wanted, Reply("tidak_paham", ('/tanya_besaran{"program": "kaj"}', "/tanya_syarat")))
    without = grade(store, wanted, Reply("tidak_paham", ("/tanya_syarat",)))
    assert (with_button.outcome, with_button.right_after_tap) == (ASKED_BACK, True)
    assert (without.outcome, without.right_after_tap) == (ASKED_BACK, False)


def test_the_general_answer_for_a_described_person_asks_which_program(store: ContentStore) -> None:
    result = grade(store, label("tanya_program", programs=["klj", "pkh"]), Reply("umum_program"))
    assert result.outcome == ASKED_BACK


def test_any_of_several_fitting_programs_is_right(store: ContentStore) -> None:
    assert grade(store, label("tanya_program", programs=["klj", "pkh"]), Reply("pkh_program")).outcome == RIGHT


def test_out_of_scope_answered_with_facts_is_wrong_and_small_talk_for_a_question_is_a_miss(
    store: ContentStore,
) -> None:
    assert grade(store, label("out_of_scope"), Reply("umum_besaran")).outcome == WRONG
    assert grade(store, label("out_of_scope"), Reply("luar_topik")).outcome == RIGHT
    assert grade(store, label("tanya_cara_daftar"), Reply("terima_kasih")).outcome == MISS


def test_status_turns_are_right_when_the_status_check_answers(store: ContentStore) -> None:
    assert grade(store, label("cek_status"), Reply("status:ask_nik")).outcome == RIGHT
    assert grade(store, label("cek_status"), Reply("umum_cara_cek")).outcome == WRONG


def test_not_fitting_is_right_only_with_the_offer_of_other_answers(store: ContentStore) -> None:
    assert grade(store, label("not_fitting"), Reply("tidak_nyambung")).outcome == RIGHT
    assert grade(store, label("not_fitting"), Reply("kontak_petugas")).outcome == WRONG


def test_also_accepts_a_second_honest_answer(store: ContentStore) -> None:
    both = label("tanya_biaya_calo", also="tanya_kontak")
    assert grade(store, both, Reply("kontak_petugas")).outcome == RIGHT


def test_a_button_payload_leads_to_its_answer(store: ContentStore) -> None:
    assert answer_for_payload(store, '/tanya_syarat{"program": "klj"}') == "klj_syarat"
    assert answer_for_payload(store, "/tanya_syarat") == "umum_syarat"
    assert answer_for_payload(store, "not a payload") is None


def test_a_bare_program_switch_is_graded_as_the_previous_question() -> None:
    turns = [{"intent": "tanya_besaran", "program": "klj"}, {"intent": "pilih_program", "program": "kaj"}]
    assert carry_questions(turns)[1]["also"] == "tanya_besaran"
