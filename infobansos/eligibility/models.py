"""What the eligibility self-check is made of: questions, rules, results.

Everything a resident reads (question texts, option labels, reasons, next steps) comes from
`content/eligibility.yml`, so staff change the rules when a program changes, without code. These
classes only hold that content once it is read and checked (`loading`), for the engine to use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from infobansos.content.files import Button

# The answer to a skipped question ("tidak tahu"); an unasked question counts the same.
UNKNOWN: Final = "tidak_tahu"

# Multi-select questions hold a tuple of values, the others one value.
Answers = Mapping[str, str | tuple[str, ...]]
Verdict = Literal["mungkin", "belum", "perlu_dicek"]

LIKELY: Final = "mungkin"
NOT_YET: Final = "belum"
TO_CHECK: Final = "perlu_dicek"
VERDICTS: Final = (LIKELY, TO_CHECK, NOT_YET)  # the order the result shows them in

# The programs the check must give a verdict for (keys of content/programs.yml).
PROGRAMS: Final = (
    "kjp_plus",
    "kjmu",
    "klj",
    "kpdj",
    "kaj",
    "kpj",
    "pkh",
    "bpnt",
    "pbi_jk",
    "pip",
    "pangan_murah",
)

# One clause: every key must match one of its values. A condition matches when any clause does,
# so staff can write a mapping (one clause) or a list of mappings ("this, or that").
Clause = Mapping[str, frozenset[str]]
Condition = tuple[Clause, ...]


@dataclass(frozen=True)
class Option:
    """One answer a resident can give: the code the rules use, the button label, the typed words."""

    value: str
    label: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """One question; `options` ends with the "tidak tahu" option, so every question can be skipped."""

    key: str
    text: str
    multi: bool
    options: tuple[Option, ...]
    topic: tuple[str, ...] = ()  # words that name the question itself, to place a correction
    ask_if: Condition | None = None  # asked only when this matches the answers so far

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Rule:
    """One line of a program's rules: when it applies, the verdict, and why (with its source)."""

    id: str
    verdict: Verdict
    reason: str
    source: str
    checked: dt.date
    when: Condition | None = None
    unless: Condition | None = None
    steps: tuple[str, ...] = ()  # next steps (ids in result.next_steps) this verdict calls for


@dataclass(frozen=True)
class ProgramRules:
    program: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class ProgramResult:
    """One program's verdict for one household, citing the rule that gave it."""

    program: str
    verdict: Verdict
    reason: str
    rule_id: str
    source: str
    checked: dt.date


@dataclass(frozen=True)
class NextStep:
    id: str
    text: str
    always: bool = False


@dataclass(frozen=True)
class ResultWords:
    """The words around the verdicts: titles, the line template, next steps, disclaimer, buttons."""

    title: str = ""
    verdicts: Mapping[str, str] = field(default_factory=dict)
    line: str = "- {{ program }}: {{ reason }}"
    steps_title: str = ""
    next_steps: tuple[NextStep, ...] = ()
    disclaimer: str = ""
    button_requirements: str = "{{ program }}"
    button_register: str = "{{ program }}"


@dataclass(frozen=True)
class EligibilityRules:
    questions: tuple[Question, ...] = ()
    programs: tuple[ProgramRules, ...] = ()
    result: ResultWords = field(default_factory=ResultWords)
    correction_words: tuple[str, ...] = ()
    # A general "which aid?" question with one of these ("cocok buat ibu saya") starts the check.
    entry_words: tuple[str, ...] = ()

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for p in self.programs for r in p.rules if r.id == rule_id), None)


@dataclass(frozen=True)
class RenderedResult:
    text: str
    buttons: tuple[Button, ...] = ()
