"""Demo status checks: the steps follow the real dialogue, and a wrong KK ends in the lock at the limit."""

from __future__ import annotations

import random

from devtools.demo import themes as th
from devtools.demo.nlu import load_catalogue
from devtools.demo.status_checks import personal_number, status_check
from devtools.demo.visit import Visit
from infobansos.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "content")
STATUS_ENDINGS = {"found", "no_match", "locked"}


def visit(seed: int, in_group: bool = False) -> Visit:
    return Visit(random.Random(seed), CATALOGUE, th.PERSONAS[1], month=11, in_group=in_group)


def answers(v: Visit) -> list[str]:
    return [s.answer_id.removeprefix("status:") for s in v.steps]


def test_in_a_group_chat_the_check_stops_at_the_first_message() -> None:
    v = visit(1, in_group=True)
    status_check(v)
    assert answers(v) == ["private_chat_only"]


def test_every_check_starts_by_asking_for_the_nik_and_never_passes_the_lock() -> None:
    for seed in range(300):
        v = visit(seed)
        status_check(v)
        steps = answers(v)
        assert steps[0] in {"ask_nik", "too_many"}
        assert steps.count("no_match") < th.WRONG_KK_LIMIT
        if "locked" in steps:
            assert steps.count("no_match") == th.WRONG_KK_LIMIT - 1
        if "ask_kk" in steps:
            assert STATUS_ENDINGS & set(steps), steps


def test_a_typed_nik_goes_straight_to_the_kk_question() -> None:
    v = visit(3)
    status_check(v, typed_nik="nik saya [NIK]")
    assert answers(v)[0] == "ask_kk"
    assert v.steps[0].theme == th.PERSONAL_NUMBER


def test_a_typed_nik_starts_a_status_check_except_in_a_group_and_other_numbers_never_do() -> None:
    starts: dict[bool, set[bool]] = {False: set(), True: set()}
    for seed in range(100):
        for in_group in (False, True):
            v = visit(seed, in_group)
            personal_number(v)
            assert v.steps[0].theme == th.PERSONAL_NUMBER
            starts[in_group].add(v.steps[0].answer_id == "status:ask_kk")
    assert starts == {False: {True, False}, True: {False}}
