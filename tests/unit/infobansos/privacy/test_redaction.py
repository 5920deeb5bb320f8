from __future__ import annotations

import pytest

from infobansos.privacy.redaction import pseudonym, redact_emails, redact_personal_data

NIK = "3175091234560012"


def test_pseudonym_is_stable_keyed_and_hides_the_id() -> None:
    a = pseudonym(b"x" * 32, 123456789)
    assert a == pseudonym(b"x" * 32, "123456789")
    assert a != pseudonym(b"y" * 32, 123456789)
    assert "123456789" not in a
    assert a.startswith("u_") and len(a) == 34


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"nik saya {NIK}", "nik saya [NIK]"),
        ("nik 3175 0912 3456 0012 ya", "nik [NIK] ya"),
        ("3175.0912.3456.0012", "[NIK]"),
        ("kk: 3175-0912-3456-0012", "kk: [NIK]"),
        (f"{NIK}9", "[NIK]"),  # 17 digits: a NIK with a typo is still personal data
        ("wa saya 081234567890 ya", "wa saya [TELEPON] ya"),
        ("hp +62 812-3456-7890", "hp +[TELEPON]"),
        ("email budi.s+bansos@mail.co.id tolong", "email [EMAIL] tolong"),
    ],
)
def test_personal_data_becomes_placeholders_however_it_is_typed(text: str, expected: str) -> None:
    assert redact_personal_data(text) == expected


@pytest.mark.parametrize("text", ["KJP Rp300.000 per bulan", "tahun 2025 tahap 2", "tgl 12-03-2025", "desil 1-4"])
def test_ordinary_numbers_are_left_alone(text: str) -> None:
    assert redact_personal_data(text) == text


def test_emails_alone_can_be_redacted_before_rasa() -> None:
    assert redact_emails("kirim ke ani.s@contoh.id ya, nik nanti") == "kirim ke [EMAIL] ya, nik nanti"
