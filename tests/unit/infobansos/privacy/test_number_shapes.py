"""Every shape of a typed NIK is one number; ordinary dates, amounts and words stay readable."""

from __future__ import annotations

import time

import pytest

from infobansos.privacy.number_shapes import (
    MAX_MESSAGE_CHARS,
    TrailingFragment,
    ascii_digits,
    find_runs,
    has_long_digit_group,
    prepare,
    trailing_fragment,
)
from infobansos.privacy.redaction import redact_emails, redact_personal_data

NIK = "3175091203850012"


@pytest.mark.parametrize(
    "typed",
    [
        "3175\n0912\n0385\n0012",
        "3175  0912  0385  0012",
        "3175 - 0912 - 0385 - 0012",
        "3175/0912/0385/0012",
        "3175,0912,0385,0012",
        "3175_0912_0385_0012",
        "3175\u20130912\u20140385\u20130012",
        "3175\u00a00912\u00a00385\u00a00012",
        "3175\u200b0912\u200b0385\u200b0012",
        "3175O9I2O385OOl2",
        "3175o912o385oo12",
        "３１７５０９１２０３８５００１２",
        "٣١٧٥٠٩١٢٠٣٨٥٠٠١٢",
    ],
)
def test_every_shape_residents_type_is_one_number(typed: str) -> None:
    text = prepare(f"nik saya {typed} tolong dicek")
    assert [run.digits for run in find_runs(text)] == [NIK]
    assert redact_personal_data(f"nik saya {typed} tolong dicek") == "nik saya [NIK] tolong dicek"


@pytest.mark.parametrize(
    "text",
    [
        "Lalu Ibu 3175 ok",  # O/I/l inside words are letters
        "tgl 12-03-2025",
        "cair 12/03/2025",
        "cair 12.03.25",
        "jadwal 2025-03-12",
        "tgl ١٢-٠٣-٢٠٢٥",
        "KJP Rp300.000 per bulan",
        "bantuan Rp 600000",
        "dapat 1.500.000",
        "rt 005 rw 012 tahun 2025",
        "nik saya 31750 belum cair",  # five digits mid-sentence are not at the end of the message
    ],
)
def test_ordinary_numbers_and_words_are_left_alone(text: str) -> None:
    assert redact_personal_data(text) == text


def test_five_or_more_digits_ending_a_message_are_hidden_as_half_a_number() -> None:
    assert redact_personal_data("nik saya 3175 0912") == "nik saya [NIK]"
    assert trailing_fragment(prepare("nik saya 3175 0912.")) == TrailingFragment("31750912", shown=False)
    assert trailing_fragment(prepare("nik saya 3175 ya")) is None
    assert trailing_fragment(prepare(f"nik {NIK}")) is None, "a whole NIK is complete"


@pytest.mark.parametrize(
    "typed",
    [
        "٠٣.٤-١٥",  # found by a random property run: mixed separators are a split number, not a date
        "03.4-15",
        "31/75-09",
        "45.67.89",  # no day 45, no month 67
        "12-03-3175",  # no year 3175
        "317.50-912",
        "31.750,912",  # one amount never mixes '.' and ','
    ],
)
def test_a_trailing_number_that_only_looks_like_a_date_or_amount_is_hidden(typed: str) -> None:
    assert redact_personal_data(f"nik saya {typed}") == "nik saya [NIK]"
    assert trailing_fragment(prepare(f"nik saya {typed}")).shown is False


def test_a_real_date_or_amount_ending_a_message_is_shown_but_still_held() -> None:
    """Shown to Rasa as typed, and held so that a continuation making a whole NIK is still joined."""
    assert trailing_fragment(prepare("cair tgl 12-03-2025")) == TrailingFragment("12032025", shown=True)
    assert trailing_fragment(prepare("dapat 1.500.000")) == TrailingFragment("1500000", shown=True)
    assert trailing_fragment(prepare("uang Rp 600000")) == TrailingFragment("600000", shown=True)


def test_unicode_digits_become_ascii_before_hashing() -> None:
    assert ascii_digits("３１７５-٠٩١٢") == "31750912"
    assert ascii_digits("lalu O") == "", "letters count as digits only inside a number"


def test_a_100_kb_message_is_capped_and_redacted_quickly() -> None:
    text = ("a" * 90 + "@" + "b" * 90 + " 3175 0912 0385 0012 " + "1 " * 30) * 400
    started = time.monotonic()
    redacted = redact_personal_data(text)
    seconds = time.monotonic() - started
    assert len(text) > 100_000 and len(redacted) <= MAX_MESSAGE_CHARS
    assert "0912" not in redacted
    assert seconds < 2, f"{seconds:.2f} s"


def test_five_digits_in_a_row_in_any_script_are_found() -> None:
    assert (
        has_long_digit_group("kode 13220") and has_long_digit_group("nik ３１７５０") and has_long_digit_group("٣١٧٥٠")
    )
    assert not has_long_digit_group("tgl 12-03-2025 Rp 1.500.000")


def test_the_email_pattern_stays_linear_on_one_long_word() -> None:
    """An unbounded `[\\w.+-]+@` rescans the rest of the word from every position (20 KB took
    1.3 s, 100 KB about half a minute); bounded parts and the 4,096 cap keep it to milliseconds."""
    started = time.monotonic()
    assert redact_emails("a" * 100_000 + " nik@contoh.id") == "a" * MAX_MESSAGE_CHARS
    assert redact_emails("tulis ke budi.s+bansos@mail.co.id ya") == "tulis ke [EMAIL] ya"
    assert time.monotonic() - started < 1
