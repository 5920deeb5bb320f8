"""Applying the rules: which question comes next, and each program's verdict.

The rules are read top to bottom and the first that matches decides, so staff can read a
program's rules like a checklist. A skipped or unasked question counts as "tidak tahu": a rule
written for "tidak tahu" then says "perlu dicek", and no rule can turn a missing answer into
"belum" by accident (see content/README.md).
"""

from __future__ import annotations

from collections.abc import Mapping

from infobansos.eligibility.models import (
    UNKNOWN,
    Answers,
    Condition,
    EligibilityRules,
    ProgramResult,
    Question,
    Rule,
)


def answer_values(answers: Answers, key: str) -> frozenset[str]:
    """The values given for one question; an unanswered one counts as "tidak tahu"."""
    value = answers.get(key)
    if value is None or value == ():
        return frozenset({UNKNOWN})
    return frozenset(value) if isinstance(value, tuple | list) else frozenset({value})


def matches(condition: Condition | None, answers: Answers, verdicts: Mapping[str, str] | None = None) -> bool:
    """True when any clause matches: every key in it has one of its listed values.

    A key is a question (the household's answers) or a program decided earlier in the file
    (its verdict), so "pangan murah" can follow from "KJP Plus: mungkin"."""
    if condition is None:
        return True
    decided = verdicts or {}
    return any(all(_values(k, answers, decided) & wanted for k, wanted in clause.items()) for clause in condition)


def _values(key: str, answers: Answers, verdicts: Mapping[str, str]) -> frozenset[str]:
    if key in verdicts:
        return frozenset({verdicts[key]})
    return answer_values(answers, key)


def applies(rule: Rule, answers: Answers, verdicts: Mapping[str, str]) -> bool:
    if not matches(rule.when, answers, verdicts):
        return False
    return rule.unless is None or not matches(rule.unless, answers, verdicts)


def is_relevant(question: Question, answers: Answers) -> bool:
    """Whether the question can still change a verdict, given the answers so far."""
    return question.ask_if is None or matches(question.ask_if, answers)


def next_question(rules: EligibilityRules, answers: Answers) -> Question | None:
    """The first question not yet answered that is still relevant; None when the check is done.

    Relevance is re-read from the current answers, so a question that a correction made
    irrelevant ("ralat, kami tidak terdaftar DTSEN": no desil) is not asked, and one skipped
    earlier is never asked again."""
    for question in rules.questions:
        if question.key not in answers and is_relevant(question, answers):
            return question
    return None


def relevant_answers(rules: EligibilityRules, answers: Answers) -> dict[str, str | tuple[str, ...]]:
    """The answers that still count: one to a question made irrelevant by a correction is dropped."""
    kept: dict[str, str | tuple[str, ...]] = {}
    for question in rules.questions:
        if question.key in answers and is_relevant(question, kept):
            kept[question.key] = answers[question.key]
    return kept


def evaluate(rules: EligibilityRules, answers: Answers) -> tuple[ProgramResult, ...]:
    """One verdict per program, in the file's order, each citing the rule that decided it."""
    counted = relevant_answers(rules, answers)
    verdicts: dict[str, str] = {}
    results = []
    for program in rules.programs:
        rule = next((r for r in program.rules if applies(r, counted, verdicts)), None)
        if rule is None:  # check-content requires a last rule without conditions; never reached then
            raise LookupError(f"no eligibility rule applies to {program.program}")
        verdicts[program.program] = rule.verdict
        results.append(ProgramResult(program.program, rule.verdict, rule.reason, rule.id, rule.source, rule.checked))
    return tuple(results)
