"""NIK and KK numbers: finding them in what residents type, checking them, hashing and masking.

A NIK (and a KK number) has 16 digits: 6 for the region (the first 2 are the province; DKI
Jakarta is 31), then for a NIK the birth date as DDMMYY (women add 40 to the day), then a
4-digit serial. Residents type them in many shapes; `number_shapes` finds every one of them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from enum import StrEnum
from functools import lru_cache

from infobansos.privacy.number_shapes import NumberRun, ascii_digits, find_runs

ID_DIGITS = 16
DKI_PROVINCE = "31"
FEMALE_DAY_OFFSET = 40
SHOWN_DIGITS = 4  # shown at each end of a masked number: 3175********0012


class NumberProblem(StrEnum):
    """Why a typed number is not a usable NIK/KK; `content/status.yml` words each one for residents."""

    LENGTH = "panjang"
    PROVINCE = "provinsi"
    DATE = "tanggal"


def find_number_runs(text: str) -> Iterator[NumberRun]:
    """Identity-like numbers in `text` (see `number_shapes.find_runs`; the text is `prepare`d)."""
    return find_runs(text)


def contains_number_run(text: str) -> bool:
    return next(find_runs(text), None) is not None


def only_digits(text: str) -> str:
    """The ASCII digits in a text; full-width and Arabic-Indic digits count as their values."""
    return ascii_digits(text)


def _plausible_birth_date(digits: str) -> bool:
    day, month = int(digits[6:8]), int(digits[8:10])
    if day > FEMALE_DAY_OFFSET:
        day -= FEMALE_DAY_OFFSET
    return 1 <= day <= 31 and 1 <= month <= 12


def nik_problem(digits: str) -> NumberProblem | None:
    """What is wrong with a NIK, checked in the order a resident can fix it."""
    if len(digits) != ID_DIGITS:
        return NumberProblem.LENGTH
    if not digits.startswith(DKI_PROVINCE):
        return NumberProblem.PROVINCE
    if not _plausible_birth_date(digits):
        return NumberProblem.DATE
    return None


def kk_problem(digits: str) -> NumberProblem | None:
    """A KK number carries the region too but its middle part is an issue date, not a birth date."""
    if len(digits) != ID_DIGITS:
        return NumberProblem.LENGTH
    if not digits.startswith(DKI_PROVINCE):
        return NumberProblem.PROVINCE
    return None


@lru_cache(maxsize=4)
def _keyed_hmac(key: bytes) -> hmac.HMAC:
    return hmac.new(key, digestmod=hashlib.sha256)


def identity_hash(key: bytes, digits: str) -> str:
    """Keyed hash (HMAC-SHA256) of a NIK/KK: the only form in which the numbers are stored."""
    # Normalised first: a full-width or Arabic-Indic NIK must hash like the one staff imported.
    keyed = _keyed_hmac(key).copy()  # copying the keyed state halves the time of 200,000 hashes per import
    keyed.update(ascii_digits(digits).encode())
    return keyed.hexdigest()


def mask_number(digits: str) -> str:
    """16 digits → the first 4, eight stars, the last 4 (3175********0012); short numbers show their last 2."""
    if len(digits) <= 2 * SHOWN_DIGITS:
        return "*" * max(len(digits) - 2, 0) + digits[-2:]
    return digits[:SHOWN_DIGITS] + "*" * (len(digits) - 2 * SHOWN_DIGITS) + digits[-SHOWN_DIGITS:]


def mask_name(name: str) -> str:
    """ "Siti Aminah" → "S*** A*****": enough for a resident to recognise, not to identify."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())
