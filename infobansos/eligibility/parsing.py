"""Understanding typed answers: "blm", "ga tau", "anak SD sama nenek", "eh salah, anak saya SMA".

Many residents type instead of pressing a button, in everyday Jakarta Indonesian. Each option
lists its words in content/eligibility.yml; here they are found in the message as whole words,
the longest phrase winning where two overlap, so "belum terdaftar" is "tidak" although it
contains "terdaftar", and "ga tau" is "tidak tahu" although it contains "ga".
"""

from __future__ import annotations

import re
import unicodedata

from infobansos.eligibility.models import UNKNOWN, EligibilityRules, Question

# "tidak_ada" in a multi-select means "none of the others": dropped when others were named too.
NONE_OF_THESE = "tidak_ada"


def normalise(text: str) -> str:
    """Lowercase words separated by single spaces: punctuation and accents do not matter."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _found(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where a phrase occurs as whole words in normalised text, as (start, end) spans."""
    wanted = normalise(phrase)
    if not wanted:
        return []
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<![a-z0-9]){re.escape(wanted)}(?![a-z0-9])", text)]


def _matches(question: Question, text: str) -> list[tuple[str, int]]:
    """(option value, length of the phrase) for every option named, overlaps won by the longest phrase."""
    spans: list[tuple[int, int, str]] = []
    for option in question.options:
        for phrase in {*option.words, option.label, option.value.replace("_", " ")}:
            spans += [(start, end, option.value) for start, end in _found(text, phrase)]
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int, str]] = []
    for start, end, value in spans:
        if all(end <= k_start or start >= k_end for k_start, k_end, _ in kept):
            kept.append((start, end, value))
    return [(value, end - start) for start, end, value in sorted(kept)]


def parse_answer(question: Question, text: str) -> str | tuple[str, ...] | None:
    """The answer a typed message gives to `question`, or None when it is not clear.

    A single-answer question needs exactly one option named ("ktp dki baru" is one phrase); a
    multi-select one returns every option named, in the question's order. "Tidak tahu" counts
    only when nothing else was named."""
    matched = _matches(question, normalise(text))
    values = {value for value, _ in matched}
    if not values:
        return None
    if values != {UNKNOWN}:
        values.discard(UNKNOWN)
    if question.multi:
        if len(values) > 1:
            values.discard(NONE_OF_THESE)
        ordered = tuple(o.value for o in question.options if o.value in values)
        return UNKNOWN if ordered == (UNKNOWN,) else ordered
    if len(values) == 1:
        return values.pop()
    return None


def _without_markers(rules: EligibilityRules, text: str) -> tuple[str, bool]:
    """The message without its correction words ("eh salah,"), and whether it had any."""
    normalised = normalise(text)
    marked = False
    for word in sorted(rules.correction_words, key=len, reverse=True):
        for start, end in reversed(_found(normalised, word)):
            normalised = normalised[:start] + " " + normalised[end:]
            marked = True
    return " ".join(normalised.split()), marked


def find_correction(rules: EligibilityRules, text: str) -> tuple[str, str | tuple[str, ...]] | None:
    """(question key, new answer) when the message corrects an earlier answer, else None.

    It must say it is a correction ("salah", "ralat", "eh", "maksud saya"…), so an ordinary answer
    to the current question is never taken for one. Of the questions the rest of the message
    answers, one it names by a topic word wins ("SMA" names the school level, "DTSEN" the
    registry); among equals, the later (more specific) question."""
    rest, marked = _without_markers(rules, text)
    if not marked or not rest:
        return None
    candidates = []
    for position, question in enumerate(rules.questions):
        answer = parse_answer(question, rest)
        if answer is None or answer == UNKNOWN:
            continue
        named = any(_found(rest, word) for word in question.topic)
        candidates.append((named, position, question.key, answer))
    if not candidates:
        return None
    _, _, key, answer = max(candidates)
    return key, answer


def asks_to_be_checked(rules: EligibilityRules, text: str) -> bool:
    """Whether a general question about programs is really "which aid fits us?" (`entry_words`).

    NLU keeps "bansos apa yang cocok buat ibu saya" with the programs overview, where most of its
    training examples are; the words here send it to the check instead, without retraining."""
    normal = normalise(text)
    return any(_found(normal, phrase) for phrase in rules.entry_words)
