from __future__ import annotations

import pytest

from infobansos.privacy import REDACTED_NUMBER, contains_id_number, pseudonym, redact_id_numbers

NIK = "3175091234560012"


def test_pseudonym_is_stable_keyed_and_hides_the_id() -> None:
    a = pseudonym(b"x" * 32, 123456789)
    assert a == pseudonym(b"x" * 32, "123456789")
    assert a != pseudonym(b"y" * 32, 123456789)
    assert "123456789" not in a
    assert a.startswith("u_") and len(a) == 34


@pytest.mark.parametrize(
    "text",
    [
        f"nik saya {NIK}",
        "nik 3175 0912 3456 0012 ya",
        "3175.0912.3456.0012",
        "kk: 3175-0912-3456-0012",
        f"{NIK}9",  # 17 digits: a NIK with a typo is still personal data
    ],
)
def test_identity_numbers_are_redacted_however_they_are_typed(text: str) -> None:
    redacted = redact_id_numbers(text)
    assert REDACTED_NUMBER in redacted
    assert not any(ch.isdigit() for ch in redacted.replace(REDACTED_NUMBER, ""))
    assert contains_id_number(text)


@pytest.mark.parametrize("text", ["KJP Rp300.000 per bulan", "tahun 2025 tahap 2", "telp 021-4265115", "desil 1-4"])
def test_ordinary_numbers_are_left_alone(text: str) -> None:
    assert redact_id_numbers(text) == text
    assert not contains_id_number(text)
