"""Typed answers in everyday Jakarta Indonesian, and corrections of an earlier answer."""

from __future__ import annotations

import pytest
import yaml

from infobansos.eligibility import (
    UNKNOWN,
    EligibilityRules,
    asks_to_be_checked,
    find_correction,
    load_eligibility,
    parse_answer,
)
from infobansos.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def rules() -> EligibilityRules:
    path = PROJECT_ROOT / "content" / "eligibility.yml"
    return load_eligibility(yaml.safe_load(path.read_text(encoding="utf-8")), path)


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("dtsen", "blm", "tidak"),
        ("dtsen", "gak", "tidak"),
        ("dtsen", "udah terdaftar kok", "ya"),
        ("dtsen", "belum terdaftar", "tidak"),
        ("dtsen", "ga tau", UNKNOWN),
        ("dtsen", "Tidak tahu", UNKNOWN),
        ("dtsen", "Ya, terdaftar", "ya"),  # the button's label, typed
        ("domisili", "ktp dki baru", "ktp_dki_baru"),
        ("domisili", "baru pindah ke jakarta", "ktp_dki_baru"),
        ("domisili", "KTP Bekasi", "bukan_dki"),
        ("domisili", "ktp jakarta dari lahir", "ktp_dki_lama"),
        ("desil", "desil 2", "2"),
        ("desil", "dua", "2"),
        ("desil", "d7", "6_ke_atas"),
        ("jenjang", "smk", ("sma",)),
        ("jenjang", "SD sama SMA", ("sd", "sma")),
        ("anggota", "kuliah", ("mahasiswa",)),
        ("anggota", "nenek", ("lansia",)),
        ("anggota", "gak ada", ("tidak_ada",)),
        ("pengecualian", "ga punya mobil", "tidak"),
        ("pengecualian", "bapak pensiunan PNS", "ya"),
        ("pekerja", "iya kerja pabrik", "ya"),
        ("bantuan_lain", "udah dapet PKH", "ya"),
    ],
)
def test_typed_answers_in_everyday_words(
    rules: EligibilityRules, key: str, text: str, expected: str | tuple[str, ...]
) -> None:
    question = rules.question(key)
    assert question is not None
    assert parse_answer(question, text) == expected


def test_several_household_members_in_one_sentence(rules: EligibilityRules) -> None:
    anggota = rules.question("anggota")
    assert anggota is not None
    assert parse_answer(anggota, "anak SD sama nenek") == ("anak_sekolah", "lansia")
    assert parse_answer(anggota, "ada bayi, kakek, sama adik kuliah") == ("mahasiswa", "balita", "lansia")
    assert parse_answer(anggota, "nenek ma kakek") == ("lansia",)  # "ma" is "sama" here, not Madrasah Aliyah


def test_orang_tua_means_parent_not_elder(rules: EligibilityRules) -> None:
    """ "ortu" / "orang tua" is a parent of any age: it must not tick "lansia"."""
    anggota = rules.question("anggota")
    assert anggota is not None
    assert parse_answer(anggota, "ortu") is None
    assert parse_answer(anggota, "orang tua sama anak SD") == ("anak_sekolah",)


def test_none_of_these_is_dropped_when_someone_is_named(rules: EligibilityRules) -> None:
    anggota = rules.question("anggota")
    assert anggota is not None
    assert parse_answer(anggota, "tidak ada, cuma nenek") == ("lansia",)


def test_unclear_answers_are_not_guessed(rules: EligibilityRules) -> None:
    dtsen, domisili = rules.question("dtsen"), rules.question("domisili")
    assert dtsen is not None and domisili is not None
    assert parse_answer(dtsen, "kapan KJP cair?") is None
    assert parse_answer(dtsen, "ya tidak") is None  # both: ask again with buttons
    assert parse_answer(domisili, "ktp jakarta tapi baru") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eh salah, anak saya SMA", ("jenjang", ("sma",))),
        ("ralat, kami sudah terdaftar DTSEN", ("dtsen", "ya")),
        ("maaf salah, desil 3", ("desil", "3")),
        ("koreksi: KTP saya luar DKI", ("domisili", "bukan_dki")),
        ("eh salah, di rumah ada nenek juga", ("anggota", ("lansia",))),
    ],
)
def test_corrections_name_the_question_and_the_new_answer(
    rules: EligibilityRules, text: str, expected: tuple[str, str | tuple[str, ...]]
) -> None:
    assert find_correction(rules, text) == expected


def test_an_ordinary_answer_is_not_a_correction(rules: EligibilityRules) -> None:
    assert find_correction(rules, "anak saya SMA") is None
    assert find_correction(rules, "salah") is None  # nothing to correct it to
    assert find_correction(rules, "eh salah") is None


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("bansos apa yang cocok buat ibu saya", True),
        ("aku bisa dapet bantuan apa aja ya", True),
        ("Apakah kami BERHAK?", True),
        ("bansos di jakarta apa aja", False),
        ("program pemprov dki ada apa saja", False),
    ],
)
def test_a_programs_question_about_the_household_is_told_apart_by_the_entry_words(
    rules: EligibilityRules, text: str, wanted: bool
) -> None:
    assert asks_to_be_checked(rules, text) is wanted
