"""Property: a NIK typed in any shape residents use, inside any Indonesian sentence, never
reaches Rasa in any form, whole or split across two messages, and still hashes as itself."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from handler_fakes import conversation
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.handlers import ConversationHandlers
from infobansos.privacy.identity_numbers import identity_hash
from infobansos.privacy.number_shapes import prepare, trailing_fragment
from infobansos.privacy.references import REF_PATTERN, refs_in
from infobansos.settings import get_settings
from infobansos.status.models import IdentityRef
from infobansos.storage.engine import session_factory

WORDS = [
    "nik",
    "saya",
    "ini",
    "tolong",
    "cek",
    "status",
    "kjp",
    "plus",
    "bulan",
    "lalu",
    "belum",
    "cair",
    "kak",
    "min",
    "ya",
    "ibu",
    "bapak",
    "kk",
    "nomor",
    "dong",
]
SEPARATORS = ["", " ", "  ", "\n", " - ", "-", ".", "/", ",", "_", "\u2013", "\u2014", "\u00a0", "\u200b", "\ufeff"]
LOOKALIKES = {"0": "Oo", "1": "lI"}
DIGIT_SETS = {"ascii": "0123456789", "fullwidth": "０１２３４５６７８９", "arabic_indic": "٠١٢٣٤٥٦٧٨٩"}
PUNCTUATION = ["", ".", "?", "!", ",", ":"]
MESSAGE_ENDS = ["", " ", "\n", "."]
STRAY_LOOKALIKE = re.compile(r"(?<![^\W\d_])[OoIl]+(?![^\W\d_])")
# Property runs share one database and one handler: fixtures are function-scoped, examples are not.
# derandomize: CI must not fail on a case no one has seen; random runs are for finding them (a
# random run found " ٠٣.٤-١٥" read as a date, now a named case in test_number_hiding.py).
RANDOM = os.environ.get("PROPERTY_RANDOM") == "1"  # PROPERTY_RANDOM=1: 2,000 fresh random cases each
PROPERTY_SETTINGS = settings(
    max_examples=2000 if RANDOM else 100,
    deadline=None,
    derandomize=not RANDOM,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@st.composite
def typed_nik(draw: st.DrawFn) -> tuple[str, list[str]]:
    """16 digits, and the characters a resident might type for each digit and between them."""
    nik = draw(st.text("0123456789", min_size=16, max_size=16))
    script = DIGIT_SETS[draw(st.sampled_from(sorted(DIGIT_SETS)))]
    chars = []
    for position, digit in enumerate(nik):
        shown = script[int(digit)]
        inner = 0 < position < len(nik) - 1
        if inner and digit in LOOKALIKES and draw(st.booleans()):
            shown = draw(st.sampled_from(LOOKALIKES[digit]))
        chars.append(shown)
    gaps = [draw(st.sampled_from(SEPARATORS)) for _ in range(len(nik) - 1)]
    return nik, [chars[0]] + [gap + char for gap, char in zip(gaps, chars[1:], strict=True)]


def _words(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6)))


def _no_digits_left(rasa_text: str) -> bool:
    """No digit in any script, and no O/o/I/l standing alone for one, outside the references."""
    rest = REF_PATTERN.sub(" ", rasa_text)
    return not any(c.isdecimal() for c in rest) and STRAY_LOOKALIKE.search(rest) is None


def _digest(ref: str) -> str:
    with session_factory(get_settings().database_url)() as session:
        return session.scalars(select(IdentityRef.digest).where(IdentityRef.ref == ref)).one()


@pytest.fixture
def handlers(tmp_path: Path) -> ConversationHandlers:
    return conversation(tmp_path)[0]


@PROPERTY_SETTINGS
@given(data=st.data(), typed=typed_nik())
def test_a_nik_in_a_sentence_never_reaches_rasa(
    handlers: ConversationHandlers, data: st.DataObject, typed: tuple[str, list[str]]
) -> None:
    nik, pieces = typed
    before = _words(data.draw)
    after = _words(data.draw)
    message = f"{before} {''.join(pieces)}{data.draw(st.sampled_from(PUNCTUATION))} {after}".strip()
    rasa_text, _ = handlers.text_for_rasa(message, f"u_{nik}")
    assert _no_digits_left(rasa_text), (message, rasa_text)
    [ref] = refs_in(rasa_text)
    assert _digest(ref) == identity_hash(get_settings().identity_hash_key, nik), "the status check sees this NIK"
    assert all(word in rasa_text for word in (before + " " + after).split())


@PROPERTY_SETTINGS
@given(data=st.data(), typed=typed_nik(), split=st.integers(5, 15))
def test_a_nik_split_over_two_messages_never_reaches_rasa(
    handlers: ConversationHandlers, data: st.DataObject, typed: tuple[str, list[str]], split: int
) -> None:
    nik, pieces = typed
    # O and l count as digits only between digits; either end of a message is not.
    assume(pieces[split - 1][-1] not in "OoIl" and pieces[split][-1] not in "OoIl")
    sender = f"u_split_{nik}"
    first = f"{_words(data.draw)} {''.join(pieces[:split])}{data.draw(st.sampled_from(MESSAGE_ENDS))}"
    second = f"{''.join(pieces[split:]).lstrip(''.join(SEPARATORS))} {_words(data.draw)}"
    first_text, _ = handlers.text_for_rasa(first, sender)
    second_text, _ = handlers.text_for_rasa(second, sender)
    # The one shape shown as typed: a start that is a real calendar date or a thousands-grouped
    # amount with one separator ("12.03.25", "031.415"), which residents type far more often as
    # a date or amount than as half a NIK. Its continuation is still joined and hidden below.
    if not trailing_fragment(prepare(first)).shown:
        assert _no_digits_left(first_text), (first, first_text)
    assert _no_digits_left(second_text), (second, second_text)
    [ref] = refs_in(second_text)
    assert _digest(ref) == identity_hash(get_settings().identity_hash_key, nik), "joined back into the whole NIK"
