"""The result as the resident reads it: verdicts grouped, reasons, next steps, disclaimer, buttons.

Likely programs come first, then those to check, then those not yet met, so the good news and
the open questions are read before the list of "belum". Every line cites its rule's reason; the
next steps are the ones the deciding rules asked for, in the order staff wrote them, and the
disclaimer ("Ini perkiraan, bukan keputusan") is always there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import jinja2

from infobansos import protocol
from infobansos.content.files import Button
from infobansos.content.templates import template_environment
from infobansos.eligibility.models import (
    LIKELY,
    TO_CHECK,
    VERDICTS,
    Condition,
    EligibilityRules,
    ProgramResult,
    RenderedResult,
)

TELEGRAM_MAX_CHARS = 4096
MAX_BUTTONS = 8


@lru_cache(maxsize=256)
def _template(source: str) -> jinja2.Template:
    return template_environment().from_string(source)


def render_text(source: str, **context: str) -> str:
    """One of result's templates; check-content renders each once, so a mistake never reaches a resident."""
    return _template(source).render(**context).strip()


def short_name(name: str) -> str:
    """A program's name for a button: "KLJ (Kartu Lansia Jakarta)" → "KLJ"."""
    return name.split(" (", 1)[0].strip() or name


def _steps(rules: EligibilityRules, results: Sequence[ProgramResult]) -> list[str]:
    wanted = set()
    for result in results:
        rule = rules.rule(result.rule_id)
        wanted |= set(rule.steps if rule else ())
    return [s.text for s in rules.result.next_steps if s.always or s.id in wanted]


def _buttons(rules: EligibilityRules, results: Sequence[ProgramResult], names: Mapping[str, str]) -> tuple[Button, ...]:
    """Requirements and how-to-register for each likely, then each to-check program, at most 8.

    With more programs than room for two buttons each, every program gets its requirements
    button (that answer links on to registering) rather than the last ones getting none."""
    open_programs = [r.program for v in (LIKELY, TO_CHECK) for r in results if r.verdict == v]
    words = rules.result
    both = len(open_programs) * 2 <= MAX_BUTTONS
    buttons = []
    for program in open_programs:
        label = short_name(names.get(program, program.upper()))
        buttons.append(
            Button(
                render_text(words.button_requirements, program=label),
                protocol.payload(protocol.ASK_REQUIREMENTS, program),
            )
        )
        if both:
            buttons.append(
                Button(
                    render_text(words.button_register, program=label),
                    protocol.payload(protocol.ASK_HOW_TO_REGISTER, program),
                )
            )
    return tuple(buttons[:MAX_BUTTONS])


def _compose(
    rules: EligibilityRules, results: Sequence[ProgramResult], names: Mapping[str, str], with_reasons: set[str]
) -> str:
    words = rules.result
    parts = [words.title] if words.title else []
    for verdict in VERDICTS:
        group = [r for r in results if r.verdict == verdict]
        if not group:
            continue
        lines = [words.verdicts[verdict]]
        for result in group:
            name = names.get(result.program, result.program)
            reason = result.reason if verdict in with_reasons else ""
            lines.append(render_text(words.line, program=name, reason=reason).rstrip(" :"))
        parts.append("\n".join(lines))
    steps = _steps(rules, results)
    if steps:
        numbered = [f"{i}. {text}" for i, text in enumerate(steps, start=1)]
        parts.append("\n".join([words.steps_title, *numbered]))
    parts.append(words.disclaimer)
    return "\n\n".join(p for p in parts if p)


def render_result(
    rules: EligibilityRules, results: Sequence[ProgramResult], program_names: Mapping[str, str]
) -> RenderedResult:
    """The summary message and its buttons; within Telegram's 4096 characters.

    `program_names` are the programs' `name`s from programs.yml. Should long reasons ever push the
    message over the limit, the "belum" programs are listed by name only, since the likely and
    to-check ones are what the resident acts on."""
    text = _compose(rules, results, program_names, set(VERDICTS))
    if len(text) > TELEGRAM_MAX_CHARS:
        text = _compose(rules, results, program_names, {LIKELY, TO_CHECK})
    return RenderedResult(text[:TELEGRAM_MAX_CHARS], _buttons(rules, results, program_names))


def describe_condition(condition: Condition | None) -> str:
    """A rule's condition as staff wrote it, for read-only pages: "dtsen: tidak; desil: 4, 5".

    Clauses of a list are joined by " | " (any of them); "" is a rule that always applies."""
    if condition is None:
        return ""
    return " | ".join("; ".join(f"{key}: {', '.join(sorted(values))}" for key, values in c.items()) for c in condition)
