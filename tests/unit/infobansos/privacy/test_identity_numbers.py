from __future__ import annotations

import pytest

from infobansos.privacy.identity_numbers import (
    NumberProblem,
    find_number_runs,
    identity_hash,
    kk_problem,
    mask_name,
    mask_number,
    nik_problem,
)

NIK = "3175091203850012"  # DKI, born 12-03-85


@pytest.mark.parametrize(
    "typed",
    ["3175091203850012", "3175 0912 0385 0012", "3175.0912.0385.0012", "3175-0912-0385-0012"],
)
def test_numbers_are_found_however_residents_group_them(typed: str) -> None:
    runs = list(find_number_runs(f"nik saya {typed} ya min"))
    assert [r.digits for r in runs] == [NIK]


def test_dates_amounts_and_short_numbers_are_left_alone() -> None:
    text = "tanggal 12-05-2025 dapat Rp 1.500.000 untuk 3 anak, rt 005"
    assert list(find_number_runs(text)) == []


def test_phone_numbers_are_caught_too() -> None:
    # Never useful to the bot, and personal: they must not reach Rasa either.
    assert [r.digits for r in find_number_runs("wa saya 0812-3456-7890")] == ["081234567890"]


@pytest.mark.parametrize(
    ("digits", "problem"),
    [
        (NIK, None),
        ("3175095203850012", None),  # a woman: day + 40
        ("317509120385001", NumberProblem.LENGTH),
        ("31750912038500123", NumberProblem.LENGTH),
        ("3275091203850012", NumberProblem.PROVINCE),  # Jawa Barat
        ("3175093203850012", NumberProblem.DATE),  # day 32
        ("3175091213850012", NumberProblem.DATE),  # month 13
    ],
)
def test_nik_checks(digits: str, problem: NumberProblem | None) -> None:
    assert nik_problem(digits) == problem


def test_kk_has_no_birth_date_but_needs_dki_and_16_digits() -> None:
    assert kk_problem("3175090000000001") is None
    assert kk_problem("317509000000001") == NumberProblem.LENGTH
    assert kk_problem("3675090000000001") == NumberProblem.PROVINCE


def test_masking_keeps_only_region_and_last_four() -> None:
    assert mask_number(NIK) == "3175********0012"
    assert mask_name("Siti Aminah") == "S*** A*****"


def test_hash_is_keyed() -> None:
    assert identity_hash(b"a" * 32, NIK) != identity_hash(b"b" * 32, NIK)
    assert NIK not in identity_hash(b"a" * 32, NIK)
