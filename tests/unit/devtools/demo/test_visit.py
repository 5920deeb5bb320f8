"""One demo visit: slots carry over as in Rasa, answers are the ones `action_answer` would give."""

from __future__ import annotations

import random

from devtools.demo import themes as th
from devtools.demo.nlu import load_catalogue, pressed, sure
from devtools.demo.visit import Visit
from infobansos.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "content")
PARENT = th.PERSONAS[0]


def visit(seed: int = 1, in_group: bool = False) -> Visit:
    return Visit(random.Random(seed), CATALOGUE, PARENT, month=11, in_group=in_group)


def test_the_program_and_the_question_carry_over_between_messages() -> None:
    v = visit()
    first = v.add("syarat kjp apa", th.NORMAL, sure(v.rng, "tanya_syarat"), mentioned="kjp_plus")
    switch = v.add("kalau yang lansia?", th.NORMAL, sure(v.rng, "pilih_program"), mentioned="klj")
    again = v.add("besarnya berapa", th.NORMAL, sure(v.rng, "tanya_besaran"))
    assert [s.answer_id for s in (first, switch, again)] == ["kjp_plus_syarat", "klj_syarat", "klj_besaran"]
    assert again.program == "klj"


def test_the_first_message_has_no_gap_and_a_button_press_follows_quickly() -> None:
    v = visit()
    first = v.add("halo", th.SMALL_TALK, sure(v.rng, "greet"))
    button = v.press('/tanya_syarat{"program": "klj"}', th.NORMAL)
    assert first.gap_seconds == 0.0
    assert 4 <= button.gap_seconds <= 45
    assert (button.nlu, button.program, button.answer_id) == (pressed("tanya_syarat"), "klj", "klj_syarat")


def test_a_status_step_keeps_the_answer_it_names() -> None:
    v = visit()
    step = v.add("/cek_status", th.STATUS, pressed("cek_status"), answer="status:ask_nik")
    assert step.answer_id == "status:ask_nik"


def test_nobody_rates_answers_in_a_group_chat() -> None:
    v = visit(in_group=True)
    for _ in range(50):
        v.add("syarat klj", th.NORMAL, sure(v.rng, "tanya_syarat"), mentioned="klj", odds=(1.0, 0.5))
    assert {s.rating for s in v.steps} == {None}


def test_a_fallback_is_mostly_followed_by_the_topic_button_the_resident_meant() -> None:
    presses = 0
    for seed in range(200):
        v = visit(seed)
        v.ask("tanya_syarat", "gmn syaratnya", th.NORMAL, "klj")
        if v.steps[0].nlu.is_fallback:
            presses += len(v.steps) == 2 and v.steps[1].text == '/tanya_syarat{"program": "klj"}'
            assert len(v.steps) <= 2
    assert presses > 0
