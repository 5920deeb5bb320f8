"""Every way a resident types a NIK, KK or phone number, found in bounded time.

Residents type numbers with spaces, dots, dashes, slashes, commas, underscores, en/em dashes,
line breaks, non-breaking or zero-width spaces, the letters O and l for 0 and 1, and full-width
or Arabic-Indic digits from some keyboards. All of these are one number here, so none of them
slips past the redaction into Rasa, the question log or an export.

A message is capped at Telegram's 4,096 characters before any pattern runs, and every pattern
has disjoint, bounded parts, so the work per message stays small whatever is sent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

MAX_MESSAGE_CHARS = 4096  # Telegram's own limit for one text message
MIN_RUN_DIGITS = 10  # dates (8 digits) and rupiah amounts stay readable
MIN_FRAGMENT_DIGITS = 5  # a shorter trailing number is a house number, a year, a count
MAX_FRAGMENT_DIGITS = 15  # a whole NIK/KK (16) or more is complete, not the start of one

# Between two digits: up to three of these (" - ", a double space, a line break, "\u200b").
_SEPARATOR = r"[\s.,/_\-\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff]"
# A digit, or O/o/I/l among digits ("3175O912", "3175OOl2"), never inside a word ("Ibu", "lalu").
_DIGITISH = r"(?:\d|(?<![^\W\d_])[OoIl]{1,4}(?![^\W\d_]))"
# One run starts and ends with a real digit; `\d` also matches full-width and Arabic-Indic digits.
_RUN = re.compile(rf"(?<!\d)\d(?:(?:{_SEPARATOR}{{0,3}}{_DIGITISH})*{_SEPARATOR}{{0,3}}\d)?(?!\d)")
_LOOKALIKES = {"O": "0", "o": "0", "I": "1", "l": "1"}
# After the last digit only spaces and closing punctuation: the number may go on in the next message.
_MESSAGE_END = re.compile(r"[\s.,;:!?)\]\-]*")
# Shapes of trailing numbers that are not identity numbers: a calendar date written with one
# separator repeated (day-month-year or year-month-day) and a rupiah amount grouped in thousands
# with one separator. Mixed separators ("03.4-15") are how digits are split, not how dates are written.
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{2}|\d{4})")
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})")
_AMOUNT = re.compile(r"\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*")
_RUPIAH_BEFORE = re.compile(r"rp\.?\s?$", re.IGNORECASE)
# Five digits in a row, in any script: more than a date part, an RT/RW or a year ever needs.
_LONG_DIGIT_GROUP = re.compile(r"\d{5,}")


@dataclass(frozen=True)
class NumberRun:
    """One identity-like number found in a message: where it is and its ASCII digits."""

    start: int
    end: int
    digits: str


def prepare(text: str) -> str:
    """The text capped at Telegram's length and NFKC-normalised (full-width digits and letters,
    non-breaking spaces), as every pattern here and every hash expects it."""
    return unicodedata.normalize("NFKC", text[:MAX_MESSAGE_CHARS])[:MAX_MESSAGE_CHARS]


def ascii_digits(text: str, *, lookalikes: bool = False) -> str:
    """The digits of a typed number as ASCII 0-9: any Unicode digit becomes its value (and, with
    `lookalikes`, O/o and I/l become 0 and 1), everything else is dropped. Hashes are only ever
    taken of this form, so "３１７５…" and "3175…" are the same NIK."""
    if text.isascii() and text.isdigit():
        return text  # already the form (every row of a status import): no per-character work
    out = []
    for char in unicodedata.normalize("NFKC", text):
        if lookalikes and char in _LOOKALIKES:
            out.append(_LOOKALIKES[char])
        elif char.isdecimal():
            out.append(str(unicodedata.decimal(char)))
    return "".join(out)


def _is_calendar_date(typed: str) -> bool:
    """A real day and month, and a 2-digit year or one in 1900-2099 (`int` reads any script)."""
    match = _DAY_FIRST.fullmatch(typed) or _YEAR_FIRST.fullmatch(typed)
    if match is None:
        return False
    year = match.group("year")
    return (
        1 <= int(match.group("day")) <= 31
        and 1 <= int(match.group("month")) <= 12
        and (len(year) == 2 or 1900 <= int(year) <= 2099)
    )


def _reads_as_date_or_amount(text: str, start: int, end: int) -> bool:
    typed = text[start:end]
    if _is_calendar_date(typed) or _AMOUNT.fullmatch(typed):
        return True
    return _RUPIAH_BEFORE.search(text[max(0, start - 4) : start]) is not None


def _ends_message(text: str, end: int, digit_count: int) -> bool:
    return MIN_FRAGMENT_DIGITS <= digit_count <= MAX_FRAGMENT_DIGITS and _MESSAGE_END.fullmatch(text, end) is not None


def _is_trailing_fragment(text: str, start: int, end: int, digit_count: int) -> bool:
    """A 5-15 digit number at the very end of a message may be the first half of a NIK typed
    across two messages, so it is hidden like a whole one unless it is plainly a date or amount."""
    return _ends_message(text, end, digit_count) and not _reads_as_date_or_amount(text, start, end)


def find_runs(text: str, *, trailing_fragments: bool = True) -> Iterator[NumberRun]:
    """Every identity-like number in `text` (already `prepare`d): runs of 10+ digits, and a
    5-15 digit fragment at the end of the message (unless `trailing_fragments` is False)."""
    for match in _RUN.finditer(text):
        digits = ascii_digits(match.group(), lookalikes=True)
        if len(digits) >= MIN_RUN_DIGITS or (
            trailing_fragments and _is_trailing_fragment(text, match.start(), match.end(), len(digits))
        ):
            yield NumberRun(match.start(), match.end(), digits)


def has_long_digit_group(text: str) -> bool:
    """True when the text holds 5+ digits in a row: it may be part of a NIK, so it must never
    become a training example or be quoted in an export, whatever the redaction left."""
    return _LONG_DIGIT_GROUP.search(prepare(text)) is not None


def leading_digit_count(text: str) -> int:
    """How many digits the number at the very start of a message has (0 if it starts otherwise)."""
    match = _RUN.match(text.lstrip())
    return len(ascii_digits(match.group(), lookalikes=True)) if match else 0


@dataclass(frozen=True)
class TrailingFragment:
    """The digits ending a message, which the next message may complete. `shown` is True when
    they read as a date or amount and so went to Rasa as typed: such a start only ever joins a
    continuation that makes a whole 16-digit NIK/KK, never a shorter number."""

    digits: str
    shown: bool


def trailing_fragment(text: str) -> TrailingFragment | None:
    """The number of 5-15 digits that ends the message (`prepare`d), hidden or shown; None when
    the message ends otherwise."""
    runs = list(_RUN.finditer(text))
    if not runs:
        return None
    last = runs[-1]
    digits = ascii_digits(last.group(), lookalikes=True)
    if not _ends_message(text, last.end(), len(digits)):
        return None
    shown = len(digits) < MIN_RUN_DIGITS and _reads_as_date_or_amount(text, last.start(), last.end())
    return TrailingFragment(digits, shown=shown)
