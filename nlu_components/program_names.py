"""Resolve whatever span DIET tagged as a program to one canonical program key.

DIET sometimes tags a longer or odder span than any synonym ("kartu disabilitas jakarta",
"kks sembako"); an unknown value would make the bot answer the general question instead of
the program's. Keyword rules in `program_keywords.yml` map such spans; anything unmatched is
dropped rather than guessed. Pure Python, so the unit tests run it without Rasa.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

KEYWORDS_FILE = Path(__file__).with_name("program_keywords.yml")


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
    for key, patterns in load_keywords():
        if any(pattern.search(text) for pattern in patterns):
            return key
    return None


@lru_cache(maxsize=4)
def _negation(path: Path = KEYWORDS_FILE) -> re.Pattern[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    words = "|".join(re.escape(str(word).lower()) for word in data.get("bukan_yang_dimaksud") or [])
    # The cue must come right before the program ("bukan KLJ", "selain yang KJP"), so that
    # "bukan penerima KJP lagi" still asks about KJP.
    return re.compile(rf"\b(?:{words})\s+(?:(?:yang|yg|dari|the)\s+)?$")


def is_negated(text: str, start: int) -> bool:
    """Whether the program named at `start` is the one the resident does *not* mean."""
    return _negation().search(text[max(0, start - 40) : start].lower()) is not None
