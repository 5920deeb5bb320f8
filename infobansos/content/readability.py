"""Readability: words per sentence in what staff wrote, and every sentence too long to follow.

Residents include the elderly and people who read little; a sentence over about 20 words loses
them. The check reads the template source (`text` and `more`), so a Jinja expression such as
`{{ program_name }}` counts as one word, and a URL is one word, not a run of dotted parts.
Each line is at least one sentence: a numbered step or a bullet stands on its own even
without a full stop, and a line holding several sentences is split after `.`, `!` or `?`.
These are warnings (printed, exit 0): the wording is staff's call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from infobansos.content.files import Answer
from infobansos.content.findings import Problem, finding, say

MAX_WORDS = 20  # a sentence with more words is flagged
JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
JINJA_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
LIST_MARKER = re.compile(r"^(?:[-•*▪–]|\d{1,2}[.)]|[a-zA-Z][.)])\s+")
CLOSERS = "\"')]”’»"
ENDS = (".", "!", "?", "…")
# Short forms ending in a dot that do not end a sentence ("No. 4", "Jl. Gunung Sahari").
ABBREVIATIONS = frozenset(
    {"no", "nomor", "dll", "dsb", "dst", "jl", "jln", "tgl", "kel", "kec", "yth", "bpk", "hlm", "a.n", "u.p", "sdr"}
)


@dataclass(frozen=True)
class Sentence:
    answer: Answer
    part: str  # "text" or "more"
    words: int
    text: str


@dataclass(frozen=True)
class Readability:
    sentences: tuple[Sentence, ...]

    @property
    def long(self) -> list[Sentence]:
        return [s for s in self.sentences if s.words > MAX_WORDS]

    def summary(self) -> str:
        if not self.sentences:
            return say("readability_none")
        longest = max(self.sentences, key=lambda s: s.words)
        average = sum(s.words for s in self.sentences) / len(self.sentences)
        return say(
            "readability_summary",
            sentences=len(self.sentences),
            average=f"{average:.1f}",
            longest=longest.words,
            where=f"{longest.answer.id}.{longest.part}",
            long=len(self.long),
            limit=MAX_WORDS,
        )

    def per_entry(self) -> list[str]:
        """One line per entry: its sentences, average and longest, longest first."""
        entries: dict[str, list[int]] = {}
        for sentence in self.sentences:
            entries.setdefault(sentence.answer.id, []).append(sentence.words)
        rows = sorted(entries.items(), key=lambda item: (-max(item[1]), item[0]))
        return [
            say("readability_entry", answer_id=name, sentences=len(w), average=f"{sum(w) / len(w):.1f}", longest=max(w))
            for name, w in rows
        ]

    def warnings(self) -> list[Problem]:
        return [
            finding(
                "long_sentence",
                s.answer.path,
                f"{s.answer.id}.{s.part}",
                words=s.words,
                limit=MAX_WORDS,
                sentence=s.text,
            )
            for s in self.long
        ]


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _ends_sentence(token: str) -> bool:
    bare = token.rstrip(CLOSERS)
    return bare.endswith(ENDS) and bare.rstrip(".!?…").lower() not in ABBREVIATIONS


def sentences(source: str) -> list[str]:
    """The sentences of a template source, list markers removed, Jinja expressions as one word."""
    plain = JINJA_TAG.sub("", JINJA_EXPRESSION.sub("X", source))
    found: list[str] = []
    for line in plain.splitlines():
        tokens = LIST_MARKER.sub("", line.strip()).split()
        current: list[str] = []
        for token in tokens:
            current.append(token)
            if _ends_sentence(token):
                found.append(" ".join(current))
                current = []
        if current:
            found.append(" ".join(current))
    return [s for s in found if word_count(s)]


def word_count(sentence: str) -> int:
    """Words are tokens with a letter or digit: an emoji or a dash is none, a URL or "Rp300.000" one."""
    return sum(1 for token in sentence.split() if _is_word(token))


def readability(answers: Iterable[Answer]) -> Readability:
    found = []
    for answer in answers:
        for part, source in (("text", answer.text_source), ("more", answer.more_source)):
            found += [Sentence(answer, part, word_count(s), s) for s in sentences(source or "")]
    return Readability(tuple(found))
