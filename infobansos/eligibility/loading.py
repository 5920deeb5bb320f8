"""Reading `content/eligibility.yml`: every field checked, every mistake named in Indonesian.

Staff edit the rules, so a misspelt question key or answer code must not silently make a rule
never match: each reference is checked here, and a mistake is a ContentError naming the file and
the field, in the words `make check-content` and the console use for every other content file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from infobansos.content.templates import ContentError, require_field
from infobansos.eligibility.models import (
    UNKNOWN,
    VERDICTS,
    Clause,
    Condition,
    EligibilityRules,
    NextStep,
    Option,
    ProgramRules,
    Question,
    ResultWords,
    Rule,
    Verdict,
)

ELIGIBILITY_FILE = "eligibility.yml"
QUESTION_FIELDS = ("key", "text", "multi", "topic", "ask_if", "options")
OPTION_FIELDS = ("value", "label", "words")
RULE_FIELDS = ("id", "when", "unless", "verdict", "reason", "steps", "source", "checked")
RESULT_TEXTS = ("title", "line", "steps_title", "disclaimer", "button_requirements", "button_register")


def _no_unknown_fields(raw: Mapping[str, Any], allowed: Sequence[str], path: Path, where: str) -> None:
    for name in raw:
        if name not in allowed:  # a misspelt "sources:" would otherwise be dropped without a word
            raise ContentError(path, f"{where}.{name}", "elig_unknown_field", fields=", ".join(allowed))


def _words(raw: Any, path: Path, where: str) -> tuple[str, ...]:
    """A list of typed words; numbers are allowed as words ("2" for desil 2)."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(w, str | int) and str(w).strip() for w in raw):
        raise ContentError(path, where, "word_list")
    return tuple(str(w).strip().lower() for w in raw)


def _option(raw: Any, path: Path, where: str) -> Option:
    if not isinstance(raw, dict):
        raise ContentError(path, where, "elig_option_fields")
    _no_unknown_fields(raw, OPTION_FIELDS, path, where)
    value = raw.get("value")
    if not isinstance(value, str | int) or not str(value).strip():  # desil codes may be written 1, 2, …
        raise ContentError(path, f"{where}.value", "missing")
    label = require_field(raw, "label", str, path, where)
    return Option(str(value), label.strip(), _words(raw.get("words"), path, f"{where}.words"))


def _clause(raw: Any, known: Mapping[str, frozenset[str]], path: Path, where: str) -> Clause:
    if not isinstance(raw, dict) or not raw:
        raise ContentError(path, where, "elig_condition")
    clause = {}
    for key, values in raw.items():
        if key not in known:
            raise ContentError(path, f"{where}.{key}", "elig_unknown_key", key=key, keys=", ".join(known))
        listed = values if isinstance(values, list) else [values]
        codes = frozenset(str(v) for v in listed)
        for code in sorted(codes - known[key]):
            raise ContentError(
                path, f"{where}.{key}", "elig_unknown_value", value=code, key=key, values=", ".join(sorted(known[key]))
            )
        clause[key] = codes
    return clause


def _condition(raw: Any, known: Mapping[str, frozenset[str]], path: Path, where: str) -> Condition | None:
    """A mapping is one clause; a list of mappings matches when any of them does."""
    if raw is None:
        return None
    clauses = raw if isinstance(raw, list) else [raw]
    if not clauses:
        raise ContentError(path, where, "elig_condition")
    named = [f"{where}[{i}]" if isinstance(raw, list) else where for i in range(len(clauses))]
    return tuple(_clause(clause, known, path, at) for clause, at in zip(clauses, named, strict=True))


def _question(raw: Any, earlier: Mapping[str, frozenset[str]], unknown: Option, path: Path, where: str) -> Question:
    if not isinstance(raw, dict):
        raise ContentError(path, where, "elig_question_fields")
    key = require_field(raw, "key", str, path, where)
    where = f"{where} ({key})"
    _no_unknown_fields(raw, QUESTION_FIELDS, path, where)
    if key in earlier:
        raise ContentError(path, f"{where}.key", "elig_duplicate", name=key)
    raw_options = require_field(raw, "options", list, path, where)
    options = [_option(o, path, f"{where}.options[{i}]") for i, o in enumerate(raw_options)]
    values = [o.value for o in options]
    for value in values:
        if values.count(value) > 1 or value == UNKNOWN:
            raise ContentError(path, f"{where}.options", "elig_duplicate", name=value)
    multi = raw.get("multi", False)
    if not isinstance(multi, bool):
        raise ContentError(path, f"{where}.multi", "wrong_type", kind="bool", got=type(multi).__name__)
    # ask_if may only look back: a question is asked once the ones above it are answered.
    ask_if = _condition(raw.get("ask_if"), earlier, path, f"{where}.ask_if")
    return Question(
        key=key,
        text=require_field(raw, "text", str, path, where).strip(),
        multi=multi,
        options=(*options, unknown),
        topic=_words(raw.get("topic"), path, f"{where}.topic"),
        ask_if=ask_if,
    )


def _date(raw: Mapping[str, Any], path: Path, where: str) -> dt.date:
    return cast(dt.date, require_field(raw, "checked", dt.date, path, where))


def _rule(raw: Any, known: Mapping[str, frozenset[str]], steps: set[str], path: Path, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise ContentError(path, where, "elig_rule_fields")
    rule_id = require_field(raw, "id", str, path, where)
    where = f"{where} ({rule_id})"
    _no_unknown_fields(raw, RULE_FIELDS, path, where)
    verdict = raw.get("verdict")
    if verdict not in VERDICTS:
        raise ContentError(path, f"{where}.verdict", "elig_verdict", verdicts=", ".join(VERDICTS))
    source = require_field(raw, "source", str, path, where)
    if not source.startswith(("https://", "http://")):
        raise ContentError(path, f"{where}.source", "bad_source")
    rule_steps = raw.get("steps") or []
    if not isinstance(rule_steps, list):
        raise ContentError(path, f"{where}.steps", "list_required")
    for step in rule_steps:
        if step not in steps:
            raise ContentError(path, f"{where}.steps", "elig_unknown_step", step=step)
    return Rule(
        id=rule_id,
        verdict=cast(Verdict, verdict),
        reason=" ".join(require_field(raw, "reason", str, path, where).split()),
        source=source,
        checked=_date(raw, path, where),
        when=_condition(raw.get("when"), known, path, f"{where}.when"),
        unless=_condition(raw.get("unless"), known, path, f"{where}.unless"),
        steps=tuple(rule_steps),
    )


def _result(raw: Any, path: Path) -> ResultWords:
    if not isinstance(raw, dict):
        raise ContentError(path, "result", "mapping_named", name="result")
    texts = {name: require_field(raw, name, str, path, "result").strip() for name in RESULT_TEXTS}
    verdicts = require_field(raw, "verdicts", dict, path, "result")
    for verdict in VERDICTS:
        require_field(verdicts, verdict, str, path, "result.verdicts")
    steps = []
    for i, step in enumerate(require_field(raw, "next_steps", list, path, "result")):
        where = f"result.next_steps[{i}]"
        if not isinstance(step, dict):
            raise ContentError(path, where, "elig_step_fields")
        steps.append(
            NextStep(
                require_field(step, "id", str, path, where),
                require_field(step, "text", str, path, where).strip(),
                bool(step.get("always", False)),
            )
        )
    return ResultWords(verdicts={v: verdicts[v].strip() for v in VERDICTS}, next_steps=tuple(steps), **texts)


def load_eligibility(data: Mapping[str, Any], path: Path = Path(ELIGIBILITY_FILE)) -> EligibilityRules:
    """The rules of one eligibility.yml (already parsed YAML); ContentError on the first mistake."""
    if not isinstance(data, Mapping):
        raise ContentError(path, "file", "elig_file")
    unknown_raw = require_field(data, "unknown", dict, path, "file")
    unknown = Option(
        UNKNOWN,
        require_field(unknown_raw, "label", str, path, "unknown").strip(),
        _words(unknown_raw.get("words"), path, "unknown.words"),
    )
    known: dict[str, frozenset[str]] = {}
    questions = []
    for i, raw in enumerate(require_field(data, "questions", list, path, "file")):
        question = _question(raw, known, unknown, path, f"questions[{i}]")
        questions.append(question)
        known[question.key] = frozenset(o.value for o in question.options)
    result = _result(data.get("result"), path)
    step_ids = {s.id for s in result.next_steps}
    programs = []
    seen_rules: set[str] = set()
    for program, raw_rules in require_field(data, "programs", dict, path, "file").items():
        where = f"programs.{program}"
        if not isinstance(raw_rules, list) or not raw_rules:
            raise ContentError(path, where, "elig_rules_list")
        rules = tuple(_rule(r, known, step_ids, path, f"{where}[{i}]") for i, r in enumerate(raw_rules))
        for rule in rules:
            if rule.id in seen_rules:
                raise ContentError(path, f"{where}.{rule.id}", "elig_duplicate", name=rule.id)
            seen_rules.add(rule.id)
        programs.append(ProgramRules(str(program), rules))
        known[str(program)] = frozenset(VERDICTS)  # later programs may depend on this one's verdict
    return EligibilityRules(
        questions=tuple(questions),
        programs=tuple(programs),
        result=result,
        correction_words=_words(data.get("correction_words"), path, "correction_words"),
        entry_words=_words(data.get("entry_words"), path, "entry_words"),
    )
