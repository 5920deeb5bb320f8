from __future__ import annotations

import pytest

from infobansos.privacy.references import REF_PREFIX, _new_ref
from nlu_components.normalizer import NUMBER_REF_PREFIX, load_slang, normalise_text, normalise_token


@pytest.fixture(scope="module")
def slang() -> dict[str, str]:
    return load_slang()


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("gmn", "gimana"),
        ("YG", "yang"),
        ("blm", "belum"),
        ("cair2", "cair"),
        ("cairrr", "cair"),
        ("kpjd", "kpdj"),
        ("bgtt", "banget"),  # a doubled last letter is typing
        ("infonyaa", "infonya"),
        ("pgi", "pagi"),
    ],
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


def test_every_number_reference_is_one_stable_word_for_nlu(slang: dict[str, str]) -> None:
    """The same sentence with a NIK must read the same to NLU whatever random reference the bot made."""
    first, second = _new_ref(), _new_ref()
    assert first != second
    assert normalise_text(f"tolong cek nik {first}", slang) == normalise_text(f"tolong cek nik {second}", slang)
    assert normalise_token(first, slang) == NUMBER_REF_PREFIX == REF_PREFIX
