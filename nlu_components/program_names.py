"""Resolve whatever span DIET tagged as a program to one canonical program key.

DIET sometimes tags a longer or odder span than any synonym ("kartu disabilitas jakarta",
"kks sembako"); an unknown value would make the bot answer the general question instead of
the program's. Keyword rules in `program_keywords.yml` map such spans; anything unmatched is
dropped rather than guessed. Pure Python, so the unit tests run it without Rasa.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import yaml

KEYWORDS_FILE = Path(__file__).with_name("program_keywords.yml")


def alternation(words: Iterable[object]) -> str:
    """The words as one regex alternation, lowercased and escaped; one that never matches if empty."""
    return "|".join(re.escape(str(word).lower()) for word in words) or "(?!)"


def whole_words(words: Iterable[object]) -> re.Pattern[str]:
    """Any of the words as a whole word in lowercased text, with or without -nya ("neneknya", "kisnya")."""
    return re.compile(rf"\b(?:{alternation(words)})(?:nya)?\b")


@lru_cache(maxsize=4)
def load_keywords(path: Path = KEYWORDS_FILE) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(
        (key, tuple(re.compile(rf"\b{re.escape(word.lower())}") for word in words))
        for key, words in (data.get("programs") or {}).items()
    )


def resolve_program(value: str, known: frozenset[str]) -> str | None:
    """The canonical key for an entity value, or None when it names no program we know."""
    text = str(value).lower().strip()
    if text in known:
        return text
    # The program named first is the head ("PKH lansia" is PKH's elderly component, not KLJ);
    # between keywords at the same place, the file's order decides.
    positions = [
        (match.start(), order, key)
        for order, (key, patterns) in enumerate(load_keywords())
        for pattern in patterns
        if (match := pattern.search(text))
    ]
    return min(positions)[2] if positions else None


@lru_cache(maxsize=4)
def _program_words(path: Path = KEYWORDS_FILE) -> tuple[tuple[str, re.Pattern[str]], ...]:
    # Whole words here ("kis", not the start of "kisah"), as this reads the resident's text,
    # not a span DIET already marked as a program.
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple((key, whole_words(words)) for key, words in (data.get("programs") or {}).items())


def programs_named_in(text: str) -> dict[str, tuple[int, int]]:
    """Every program a keyword names anywhere in the text (not negated), with its first span.

    DIET reads only the words that carry the question (`question_focus`), so in "Kami hidup dari
    KLJ kakek. Bulan ini belum masuk, biasanya tanggal berapa?" the program sits in a sentence it
    never saw.
    """
    lowered = text.lower()
    found: dict[str, tuple[int, int]] = {}
    for key, pattern in _program_words():
        for match in pattern.finditer(lowered):
            if not not_meant(lowered, match.start()):
                found.setdefault(key, match.span())
                break
    return found


def drop_qualifiers(spans: list[tuple[int, int]], text: str) -> set[int]:
    """Indices of program spans that only qualify the program named right before them.

    "PKH lansia" is PKH's elderly component, not KLJ; "bansos PKH balita" is PKH too. A program
    span that follows another one with nothing but spaces between them is dropped.
    """
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    return {
        later
        for earlier, later in pairwise(order)
        if spans[earlier][1] <= spans[later][0] and not text[spans[earlier][1] : spans[later][0]].strip()
    }


@lru_cache(maxsize=4)
def _not_programs(path: Path = KEYWORDS_FILE) -> tuple[str, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(str(phrase).lower() for phrase in data.get("bukan_program") or [])


@lru_cache(maxsize=4)
def _negation(path: Path = KEYWORDS_FILE) -> re.Pattern[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    words = alternation(data.get("bukan_yang_dimaksud") or [])
    # The cue must come right before the program ("bukan KLJ", "selain yang KJP"), so that
    # "bukan penerima KJP lagi" still asks about KJP.
    return re.compile(rf"\b(?:{words})\s+(?:(?:yang|yg|dari|the)\s+)?$")


def is_negated(text: str, start: int) -> bool:
    """Whether the program named at `start` is the one the resident does *not* mean."""
    return _negation().search(text[max(0, start - 40) : start].lower()) is not None


def not_meant(text: str, start: int) -> bool:
    """Negated ("bukan KLJ"), compared with, or part of a name that is no program ("BPJS Ketenagakerjaan")."""
    return is_negated(text, start) or text.lower().startswith(_not_programs(), start)
