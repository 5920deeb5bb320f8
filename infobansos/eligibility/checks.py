"""What `make check-content` checks in eligibility.yml beyond reading it (`loading` does that).

Every program of the check has rules, each of them a program residents can ask about; every
program ends with a rule that always applies, so no household is left without a verdict; every
rule's check date is dated like the answers'; and the longest result the rules can produce
renders within Telegram's limit, with its buttons.
"""

from __future__ import annotations

import datetime as dt

import jinja2

from infobansos.content.findings import Problem, finding
from infobansos.eligibility.loading import ELIGIBILITY_FILE
from infobansos.eligibility.models import PROGRAMS, EligibilityRules, ProgramResult
from infobansos.eligibility.rendering import TELEGRAM_MAX_CHARS, render_result


def rule_dates(rules: EligibilityRules) -> list[tuple[str, str, dt.date]]:
    """Every rule's `checked` date with where it is written, for the same date checks as the answers."""
    return [
        (ELIGIBILITY_FILE, f"programs.{p.program}.{rule.id}.checked", rule.checked)
        for p in rules.programs
        for rule in p.rules
    ]


def _longest_results(rules: EligibilityRules) -> tuple[ProgramResult, ...]:
    """Per program its longest reason, as "perlu dicek" (whose buttons and steps are all shown)."""
    results = []
    for program in rules.programs:
        rule = max(program.rules, key=lambda r: len(r.reason))
        results.append(ProgramResult(program.program, "perlu_dicek", rule.reason, rule.id, rule.source, rule.checked))
    return tuple(results)


def _render_problems(rules: EligibilityRules, names: dict[str, str]) -> list[Problem]:
    """The longest result the rules can give: every program's longest reason, and every next step."""
    try:
        rendered = render_result(rules, _longest_results(rules), names)
    except jinja2.TemplateError as exc:  # a misspelt variable, or a syntax mistake
        return [finding("template_error", ELIGIBILITY_FILE, "result", error=getattr(exc, "message", str(exc)))]
    unshown = [s.text for s in rules.result.next_steps if s.text not in rendered.text]
    length = len(rendered.text) + sum(len(text) + len("\n10. ") for text in unshown)
    if length > TELEGRAM_MAX_CHARS:
        return [finding("elig_too_long", ELIGIBILITY_FILE, "result", length=length, limit=TELEGRAM_MAX_CHARS)]
    return []


def eligibility_problems(rules: EligibilityRules, program_names: dict[str, str]) -> list[Problem]:
    """Problems with the loaded rules; `program_names` are the names in programs.yml, by key."""
    problems = []
    covered = {p.program for p in rules.programs}
    for program in PROGRAMS:
        if program not in covered:
            problems.append(finding("elig_program_without_rules", ELIGIBILITY_FILE, "programs", program=program))
    for program in rules.programs:
        where = f"programs.{program.program}"
        if program.program not in program_names:
            problems.append(
                finding("program_not_listed", ELIGIBILITY_FILE, where, program=program.program, file="programs.yml")
            )
        last = program.rules[-1]
        if last.when is not None or last.unless is not None:
            problems.append(finding("elig_no_default", ELIGIBILITY_FILE, f"{where}.{last.id}"))
    return problems + _render_problems(rules, program_names)
