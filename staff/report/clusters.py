"""Confusion clusters: similar questions the bot struggled with, grouped, with what to do about them.

Pure functions over lists of `ConfusedTurns` (no database), so they are tested on small lists.

How: identical texts are merged first (after lowercasing, punctuation and the bot's own slang
normalisation), then the most asked distinct texts are grouped by how alike they are written
(`text_grouping`: character n-gram TF-IDF and agglomerative clustering). Nothing is random and
everything is ordered, so the same data always gives the same clusters with the same ids.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from infobansos import protocol
from infobansos.question_log.rules import LOW_CONFIDENCE
from nlu_components.normalizer import load_slang, normalise_token
from staff.report.text_grouping import group_texts

NOT_A_TOPIC = {None, protocol.FALLBACK, protocol.OUT_OF_SCOPE}
MAX_TEXTS = 20_000  # distinct texts clustered (the most asked); the report says when more were left out
MOSTLY = 0.5  # "most turns in the cluster"
DOMINANT = 0.6  # share of the cluster one intent needs for "add training examples to it"
EXAMPLES = 5
NEAR_DUPLICATE = 0.85  # difflib ratio above which two questions are one phrasing with a typo
ANSWERS_NAMED = 3
KEPT_TEXTS = 50  # distinct texts kept per cluster, for the export
WORDS_REMEMBERED = 200_000  # distinct words kept normalised (a few MB)
_PUNCTUATION = re.compile(r"[^\w\s\[\]]+")


class Action(StrEnum):
    """What the analysts should do about a cluster (worded in Indonesian in labels.yml)."""

    ADD_EXAMPLES = "tambah_contoh"  # one known intent dominates, chosen without confidence or guessed
    NEW_FAQ = "faq_baru"  # off topic, or unsure with no dominant intent: content is missing
    FIX_ANSWER = "perbaiki_jawaban"  # a confident answer residents rated 👎


class ConfusedTurns(NamedTuple):
    """Turns with the same text and the same NLU outcome (one row of the SQL grouping), counted.

    A named tuple, not a frozen dataclass: a month brings some 200,000 of these rows, and a frozen
    dataclass spends most of a second just setting their fields."""

    text: str
    count: int
    intent: str | None = None
    confidence: float | None = None
    ranking: tuple[str, ...] = ()  # intents, best first
    is_fallback: bool = False
    is_out_of_scope: bool = False
    thumbs_down: bool = False
    answer_id: str | None = None
    program: str | None = None

    @property
    def recognised_intent(self) -> str | None:
        """The in-scope intent NLU went with (confidently or not); None for a fallback or off topic."""
        return self.intent if self.intent not in NOT_A_TOPIC and not self.is_fallback else None

    @property
    def candidate_intent(self) -> str | None:
        """The real question type NLU had in mind: its intent, or for a fallback its best guess."""
        if self.recognised_intent:
            return self.recognised_intent
        guesses = [name for name in self.ranking if name != protocol.FALLBACK]
        return guesses[0] if guesses and guesses[0] not in NOT_A_TOPIC else None

    @property
    def confident_thumbs_down(self) -> bool:
        confident = self.confidence is not None and self.confidence >= LOW_CONFIDENCE
        return self.thumbs_down and confident and not self.is_fallback and bool(self.answer_id)


@dataclass
class _Question:
    """One distinct question (after normalisation) with everything its turns said."""

    key: str
    count: int = 0
    originals: Counter[str] = field(default_factory=Counter)
    intents: Counter[str] = field(default_factory=Counter)  # NLU's choice, or a fallback's best guess
    programs: Counter[str] = field(default_factory=Counter)
    downed_answers: Counter[str] = field(default_factory=Counter)
    fallbacks: int = 0
    out_of_scope: int = 0
    confident_downs: int = 0

    def add(self, turns: ConfusedTurns) -> None:
        n = turns.count
        self.count += n
        self.originals[turns.text] += n
        intent = turns.candidate_intent
        if intent:
            self.intents[intent] += n
        if turns.program:
            self.programs[turns.program] += n
        self.fallbacks += n if turns.is_fallback else 0
        self.out_of_scope += n if turns.is_out_of_scope else 0
        if turns.confident_thumbs_down:
            self.confident_downs += n
            self.downed_answers[turns.answer_id or ""] += n

    @property
    def text(self) -> str:
        return _most_common(self.originals) or self.key


@dataclass(frozen=True)
class Cluster:
    id: int
    size: int  # turns
    texts: tuple[tuple[str, int], ...]  # distinct questions, most asked first (up to KEPT_TEXTS)
    distinct_texts: int
    likeliest_intent: str | None
    intent_share: float
    program: str | None
    action: Action
    answer_ids: tuple[str, ...]  # for FIX_ANSWER: the answers rated 👎, most often first
    fallback_share: float
    out_of_scope_share: float
    thumbs_down_share: float

    @property
    def examples(self) -> list[str]:
        """The most asked questions, near-duplicates (a typo apart) only when nothing else is left."""
        return distinct_phrasings([text for text, _ in self.texts], EXAMPLES, fill=True)


@dataclass(frozen=True)
class ClusteringResult:
    clusters: list[Cluster]
    turns: int
    distinct_texts: int
    clustered_texts: int  # fewer than distinct_texts when MAX_TEXTS cut the least asked

    @property
    def capped(self) -> bool:
        return self.clustered_texts < self.distinct_texts


def _most_common(counter: Counter[str]) -> str | None:
    """The most frequent key; ties go to the alphabetically first, so results are reproducible."""
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0] if counter else None


def distinct_phrasings(texts: Sequence[str], limit: int, fill: bool = False) -> list[str]:
    """Up to `limit` texts in order, skipping any a typo away from one already taken.

    Five spellings of one sentence teach the analysts (and the model) less than five ways of
    asking. With `fill`, skipped texts top the list up when there are too few different ones.
    """
    chosen: list[str] = []
    skipped: list[str] = []
    for text in texts:
        if len(chosen) == limit:
            break
        key = normalise_question(text)
        matcher = difflib.SequenceMatcher(None, "", key)  # b is the one difflib caches
        if any(_similar(matcher, normalise_question(other)) for other in chosen):
            skipped.append(text)
        else:
            chosen.append(text)
    return chosen + (skipped[: limit - len(chosen)] if fill else [])


def _similar(matcher: difflib.SequenceMatcher, other: str) -> bool:
    matcher.set_seq1(other)
    return matcher.quick_ratio() >= NEAR_DUPLICATE and matcher.ratio() >= NEAR_DUPLICATE


@lru_cache(maxsize=WORDS_REMEMBERED)
def _normal_word(word: str) -> str:
    return normalise_token(word, load_slang())


def normalise_question(text: str) -> str:
    """What two questions must share to count as the same: words, slang-normalised, lowercase.

    The same as `normalise_text` on the words, one word at a time through a cache: a month of
    confused questions is a few hundred thousand texts but only some thousands of distinct words,
    and normalising each word once is what keeps a million-turn report in seconds."""
    words = _PUNCTUATION.sub(" ", text.lower()).split()
    return " ".join(_normal_word(word) for word in words) or " ".join(text.lower().split())


def merge_identical(rows: Iterable[ConfusedTurns]) -> list[_Question]:
    """One entry per normalised text, most asked first (ties alphabetically).

    A text comes in several rows (one per NLU outcome), so each is normalised once."""
    questions: dict[str, _Question] = {}
    keys: dict[str, str] = {}
    for row in rows:
        key = keys.get(row.text)
        if key is None:
            key = keys[row.text] = normalise_question(row.text)
        question = questions.get(key)
        if question is None:
            question = questions[key] = _Question(key)
        question.add(row)
    return sorted(questions.values(), key=lambda q: (-q.count, q.key))


def _cluster(cluster_id: int, members: list[_Question]) -> Cluster:
    size = sum(q.count for q in members)
    intents, programs, downs_by_answer = Counter[str](), Counter[str](), Counter[str]()
    for q in members:
        intents.update(q.intents)
        programs.update(q.programs)
        downs_by_answer.update(q.downed_answers)
    # One in-scope intent was NLU's choice (without confidence) or, for a fallback, its best guess
    # for most of the cluster: the model nearly knows the question, and examples under that
    # intent teach it. Scattered guesses, or questions off topic, mean the content is missing.
    intent = _most_common(intents)
    intent_share = intents[intent] / size if intent else 0.0
    out_of_scope = sum(q.out_of_scope for q in members) / size
    confident_downs = sum(q.confident_downs for q in members) / size
    if confident_downs >= MOSTLY:
        action = Action.FIX_ANSWER
    elif intent and intent_share >= DOMINANT and out_of_scope < MOSTLY:
        action = Action.ADD_EXAMPLES
    else:
        action = Action.NEW_FAQ
    answers = sorted(downs_by_answer.items(), key=lambda item: (-item[1], item[0]))
    program = _most_common(programs)
    return Cluster(
        id=cluster_id,
        size=size,
        texts=tuple((q.text, q.count) for q in members[:KEPT_TEXTS]),
        distinct_texts=len(members),
        likeliest_intent=intent,
        intent_share=intent_share,
        program=program if program and programs[program] / size >= MOSTLY else None,
        action=action,
        answer_ids=tuple(name for name, _ in answers[:ANSWERS_NAMED]) if action == Action.FIX_ANSWER else (),
        fallback_share=sum(q.fallbacks for q in members) / size,
        out_of_scope_share=out_of_scope,
        thumbs_down_share=confident_downs,
    )


def cluster_questions(rows: Iterable[ConfusedTurns], max_texts: int = MAX_TEXTS) -> ClusteringResult:
    """Group the confusion questions; clusters ranked by turns, numbered 1, 2, … in that order."""
    questions = merge_identical(rows)
    kept = questions[:max_texts]
    labels = group_texts([q.key for q in kept])
    groups: dict[int, list[_Question]] = {}
    for question, label in zip(kept, labels, strict=True):
        groups.setdefault(int(label), []).append(question)  # stays most-asked-first within a group
    ordered = sorted(groups.values(), key=lambda g: (-sum(q.count for q in g), -len(g), g[0].key))
    clusters = [_cluster(i, members) for i, members in enumerate(ordered, start=1)]
    return ClusteringResult(
        clusters=clusters,
        turns=sum(q.count for q in questions),
        distinct_texts=len(questions),
        clustered_texts=len(kept),
    )
