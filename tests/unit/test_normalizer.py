from __future__ import annotations

import pytest

from nlu_components.normalizer import load_slang, normalise_text, normalise_token


@pytest.fixture(scope="module")
def slang() -> dict[str, str]:
    return load_slang()


@pytest.mark.parametrize(
    ("typed", "normal"),
    [("gmn", "gimana"), ("YG", "yang"), ("blm", "belum"), ("cair2", "cair"), ("cairrr", "cair"), ("kpjd", "kpdj")],
)
def test_slang_typos_and_stretching_become_one_normal_form(slang: dict[str, str], typed: str, normal: str) -> None:
    assert normalise_token(typed, slang) == normal


def test_program_names_and_numbers_are_kept(slang: dict[str, str]) -> None:
    for word in ("kjp", "klj", "dtsen", "2025", "300000"):
        assert normalise_token(word, slang) == word


def test_a_resident_sentence(slang: dict[str, str]) -> None:
    assert normalise_text("kjp gw blm cair2 gmn", slang) == "kjp saya belum cair gimana"


def test_every_slang_value_is_one_word(slang: dict[str, str]) -> None:
    """The tokenizer works word by word, so a value with a space would break token offsets."""
    assert all(" " not in value and value for value in slang.values())
