"""Indonesian slang and abbreviation normaliser ("gmn" → "gimana", "yg" → "yang", "cair2" → "cair").

Pure Python with no Rasa import, so the same function runs in the Rasa tokenizer (at training
and at inference) and in the unit tests of the app environment.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

SLANG_FILE = Path(__file__).with_name("slang.yml")
# "cairrr", "halooo": three or more of one letter are one letter in any Indonesian word we care about.
_STRETCHED = re.compile(r"([a-z])\1{2,}")
# "bgtt", "infonyaa", "siangg": a doubled last letter is typing, not Indonesian spelling.
_DOUBLED_END = re.compile(r"([a-z])\1$")
# Reduplication written with a 2: "cair2" (cair-cair), "anak2" (anak-anak).
_REDUPLICATED = re.compile(r"^([a-z]{2,})2$")
# The bot replaces a NIK/KK by a random reference (infobansos.privacy.references.REF_PREFIX + 10 random
# characters). NLU must see one stable word for it: random characters would give the same sentence
# different character n-grams, and so a different intent, on every try.
NUMBER_REF_PREFIX = "nomorref"


@lru_cache(maxsize=4)
def load_slang(path: Path = SLANG_FILE) -> dict[str, str]:
    """Variant → normal form, from `slang.yml` (keys compared in lowercase)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k).lower(): str(v).lower() for k, v in (data.get("slang") or {}).items()}


def normalise_token(token: str, slang: dict[str, str]) -> str:
    """One whitespace token in its normal form: lowercase, un-stretched, slang expanded."""
    word = token.lower()
    if word.startswith(NUMBER_REF_PREFIX):
        return NUMBER_REF_PREFIX
    if word in slang:
        return slang[word]
    word = _REDUPLICATED.sub(r"\1", word)
    word = _STRETCHED.sub(r"\1", word)
    if word not in slang and len(word) > 3:
        word = _DOUBLED_END.sub(r"\1", word)
    return slang.get(word, word)


def normalise_text(text: str, slang: dict[str, str]) -> str:
    """Whole-text version, for tools and tests (the tokenizer normalises token by token)."""
    return " ".join(normalise_token(token, slang) for token in text.split())
