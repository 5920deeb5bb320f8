"""Which words of a message carry the question, so the classifier is not led by the rest.

Two kinds of words mislead a bag-of-words classifier:
- politeness around a question ("makasih min. satu lagi, daftarnya gimana", "SELAMAT PAGI
  NAK … TERIMA KASIH"): the thanks or greeting wins over the question;
- the story around a question: in a long message only one sentence asks something.

So, in order: a leading and trailing run of greeting/thanks words is dropped when a question
remains; then, in a long message of three or more sentences, only the sentences that ask are
kept, with the sentence before a short one ("Itu benar ya?", "Kenapa bisa begitu?" only make
sense with what they point back to). A message that is only politeness, or only short, is left whole. The words are data
(`question_focus.yml`). Pure Python, so the unit tests run it without Rasa; the tokenizer
applies it at training and at inference alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).with_name("question_focus.yml")
MIN_QUESTION_WORDS = 2  # what must remain after politeness is dropped
LONG_MESSAGE_SENTENCES = 3
LONG_MESSAGE_WORDS = 12
SHORT_QUESTION_WORDS = 5  # an asking sentence shorter than this keeps the sentence before it
KEEP_LAST_SENTENCES = 2  # a long message that never asks: its end is likeliest the point
_SENTENCE_END = re.compile(r"[.!?\n]+")


@dataclass(frozen=True)
class FocusWords:
    politeness: frozenset[str]
    question: frozenset[str]


@lru_cache(maxsize=4)
def load_focus_words(path: Path = WORDS_FILE) -> FocusWords:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return FocusWords(
        frozenset(str(w).lower() for w in data.get("politeness") or []),
        frozenset(str(w).lower() for w in data.get("question") or []),
    )


def sentence_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, ends with "?") of every sentence in the raw text."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start(), "?" in match.group()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text), False))
    return spans


def _without_politeness(words: Sequence[str], keep: list[int], focus_words: FocusWords) -> list[int]:
    first, last = 0, len(keep)
    while first < last and words[keep[first]] in focus_words.politeness:
        first += 1
    while last > first and words[keep[last - 1]] in focus_words.politeness:
        last -= 1
    inner = keep[first:last]
    if len(inner) < MIN_QUESTION_WORDS:
        return keep
    # "makasih ya min, udah dijawab": two words that ask nothing are part of the thanks.
    asks = len(inner) > MIN_QUESTION_WORDS or any(words[i] in focus_words.question for i in inner)
    return inner if asks else keep


def _question_sentences(
    text: str, words: Sequence[str], starts: Sequence[int], keep: list[int], question: frozenset[str]
) -> list[int]:
    spans = sentence_spans(text)
    if len(spans) < LONG_MESSAGE_SENTENCES or len(keep) < LONG_MESSAGE_WORDS:
        return keep
    sentence_of = {i: next((n for n, (s, e, _) in enumerate(spans) if s <= starts[i] < e), -1) for i in keep}
    asking = {n for n, (_, _, asks) in enumerate(spans) if asks}
    if not asking:
        # "apa pun", "mana pun": indefinite, not a question
        asking = {sentence_of[i] for i in keep if words[i] in question and words[i + 1 : i + 2] != ["pun"]}
    if not asking:
        asking = set(range(len(spans) - KEEP_LAST_SENTENCES, len(spans)))
    for n in sorted(asking):
        if sum(1 for i in keep if sentence_of[i] == n) < SHORT_QUESTION_WORDS and n > 0:
            asking.add(n - 1)
    focused = [i for i in keep if sentence_of[i] in asking]
    return focused if len(focused) >= MIN_QUESTION_WORDS else keep


def focus(
    text: str,
    words: Sequence[str],
    starts: Sequence[int],
    protected: Set[int] = frozenset(),
    focus_words: FocusWords | None = None,
) -> list[int]:
    """Indices of the words to classify on. `words` are the normalised tokens, `starts` their offsets
    in `text`; `protected` indices (annotated entities in training data) are always kept."""
    focus_words = focus_words or load_focus_words()
    keep = list(range(len(words)))
    keep = _without_politeness(words, keep, focus_words)
    keep = _question_sentences(text, words, starts, keep, focus_words.question)
    return sorted(set(keep) | set(protected))


def kept_words(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with everything outside the kept words' spans blanked, so offsets still point into it."""
    kept = [" "] * len(text)
    for start, end in spans:
        kept[start:end] = text[start:end]
    return "".join(kept)
