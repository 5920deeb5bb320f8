"""`make check-content`: validate every file in content/ before residents see it.

Checks:
- the schema;
- every template renders (an undefined variable fails);
- answers stay short: a `text` or `more` part over 700 characters fails (footer excluded);
- every `checked` date is honest: not in the future, not over 12 months old (a warning after 10);
- readability: words per sentence are reported, and each sentence over 20 words is a warning.

Problems exit 1; warnings are printed and exit 0.
- content and the Rasa domain agree: every question a resident can ask has an answer, every
  answer can be reached, and every button points at a real intent and program;
- every intent has a plain label in topics.yml (`topics` or `other_topics`), for staff pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from infobansos import protocol
from infobansos.content.files import OTHER_TOPICS
from infobansos.content.freshness import date_findings, dated
from infobansos.content.readability import readability
from infobansos.content.status import STATUS_FILE, StatusContent, load_status_content
from infobansos.content.store import (
    TELEGRAM_MAX_CHARS,
    Answer,
    ContentError,
    ContentStore,
    load_content,
)
from infobansos.jakarta_time import jakarta_today
from infobansos.settings import PROJECT_ROOT

# Intents Rasa produces by itself, without training examples in the domain.
BUILTIN_INTENTS = {protocol.FALLBACK}
# Intents answered by routing to another question type, or by the status check's own actions
# (whose words live in content/status.yml), rather than by an entry in content/answers/.
ROUTED_INTENTS = {protocol.PICK_PROGRAM, protocol.CHECK_STATUS, protocol.SEND_NUMBER}
# Answers the bot composes around (the runners-up after "ga nyambung"): asking them again for the
# rest would not reach the `more` part, so they cannot have one.
NO_MORE_INTENTS = {protocol.NOT_FITTING}
# Every variable a status.yml message may use, with a typical value, to render each one.
STATUS_SAMPLE = {
    "masked_nik": "3175********0012",
    "what": "NIK",
    "count": 15,
    "remaining": 2,
    "until": "15.30",
    "limit": 5,
}
# Every variable a messages.yml message may use, with a typical value.
MESSAGE_SAMPLE = {
    "checked": "Januari 2026",
    "sources": ["https://example.org"],
    "answers": 40,
    "error": "content/answers/klj.yml: klj_syarat.text: is missing",
    "date": "28 November 2026",
    "questions": 120,
    "fallbacks": 9,
    "fallback_rate": "8%",
    "out_of_scope": 7,
    "busy": 0,
    "up": 15,
    "down": 3,
    # /stats: the status check and its guards (issue 13)
    "lookups": 40,
    "found": 25,
    "nik_locked": 1,
    "chat_limited": 2,
    "budget_spent": 0,
    "nik_locks_now": 1,
    "budget_used": 12,
    "budget": 2000,
    "budget_share": "1%",
    "file": "status.xlsx",
    "size_mb": "120.4",
    "limit_mb": 100,
}
MAX_ANSWER_CHARS = 700  # per part; the rest of a long answer goes in `more` ("Selengkapnya")


@dataclass(frozen=True)
class Domain:
    path: Path
    intents: set[str]
    programs: set[str]


def read_domain(path: Path) -> Domain:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    intents = {next(iter(i)) if isinstance(i, dict) else str(i) for i in data.get("intents", [])}
    programs = set((data.get("slots", {}).get("program") or {}).get("values") or [])
    return Domain(path, intents, programs)


def _payload_problems(answer: Answer, domain: Domain) -> list[str]:
    problems = []
    for button in answer.buttons:
        where = f"{answer.path}: {answer.id}.buttons '{button.title}'"
        intent, _, entities = button.payload.removeprefix("/").partition("{")
        if not button.payload.startswith("/") or intent not in domain.intents:
            problems.append(f"{where}: payload '{button.payload}' must be /<intent> with an intent from the domain")
            continue
        try:
            program = json.loads("{" + entities).get("program") if entities else None
        except json.JSONDecodeError:
            problems.append(f"{where}: the part after the intent is not valid JSON")
            continue
        if program is not None and program not in domain.programs:
            problems.append(f"{where}: program '{program}' is not a program in {domain.path}")
    return problems


def _answer_problems(store: ContentStore, answer: Answer, domain: Domain) -> list[str]:
    problems = []
    parts = [("text", None)] + ([("more", protocol.PART_MORE)] if answer.more is not None else [])
    for name, part in parts:
        try:
            store.render(answer, part=part)  # the footer and the buttons render too
            body = store.body(answer, part=part)
        except jinja2.TemplateRuntimeError as exc:  # undefined, or unsafe in the sandbox
            problems.append(f"{answer.path}: {answer.id}.{name}: {exc.message}")
            continue
        if len(body) > MAX_ANSWER_CHARS:
            hint = "shorten it" if name == "more" else "shorten it, or move the rest into 'more' (Selengkapnya)"
            problems.append(
                f"{answer.path}: {answer.id}.{name}: {len(body)} characters, over {MAX_ANSWER_CHARS}; {hint}"
            )
    if answer.more is not None and (answer.intent not in domain.intents or answer.intent in NO_MORE_INTENTS):
        problems.append(
            f"{answer.path}: {answer.id}.more: a '{answer.intent}' answer cannot be continued with "
            "'Selengkapnya'; shorten its text instead"
        )
    if answer.intent not in domain.intents | BUILTIN_INTENTS:
        problems.append(f"{answer.path}: {answer.id}.intent: '{answer.intent}' is not an intent in {domain.path}")
    if answer.program is not None and answer.intent not in protocol.PROGRAM_QUESTIONS:
        problems.append(f"{answer.path}: {answer.id}.program: '{answer.intent}' is not answered per program")
    if answer.program is not None and answer.program not in domain.programs:
        problems.append(f"{answer.path}: {answer.id}.program: '{answer.program}' is not a program in {domain.path}")
    return problems + _payload_problems(answer, domain)


def _coverage_problems(store: ContentStore, domain: Domain) -> list[str]:
    problems = []
    answered = store.intents
    for intent in sorted(domain.intents - answered - ROUTED_INTENTS):
        problems.append(f"{domain.path}: intent '{intent}' has no answer in content/answers/")
    for intent in protocol.PROGRAM_QUESTIONS:
        for program in [None, *sorted(domain.programs)]:
            if intent in domain.intents and (intent, program) not in store.answers:
                problems.append(f"content/answers: no answer for {intent} and program {program or '(general)'}")
    for intent in sorted(set(store.topics) - domain.intents):
        problems.append(f"content/topics.yml: topics.{intent}: not an intent in {domain.path}")
    return problems + _label_problems(store, domain)


def _label_problems(store: ContentStore, domain: Domain) -> list[str]:
    """Every intent has a plain label, so reports and the staff console never show an internal name."""
    problems = []
    intents = domain.intents | BUILTIN_INTENTS
    for intent in sorted(intents - set(store.topic_labels)):
        problems.append(
            f"content/topics.yml: intent '{intent}' has no label; add it under topics "
            f"(a question topic) or {OTHER_TOPICS} (any other intent)"
        )
    for intent in sorted(set(store.other_topics) - intents):
        problems.append(f"content/topics.yml: {OTHER_TOPICS}.{intent}: not an intent in {domain.path}")
    return problems


def check_store(store: ContentStore, domain: Domain) -> list[str]:
    """Problems that need the whole picture (rendering, reachability); empty when all is well."""
    problems = []
    for answer in store.answers.values():
        problems += _answer_problems(store, answer, domain)
    problems += _coverage_problems(store, domain)
    for key, template in store.messages.items():
        try:
            template.render(**MESSAGE_SAMPLE)
        except jinja2.TemplateRuntimeError as exc:  # undefined, or unsafe in the sandbox
            problems.append(f"content/messages.yml: messages.{key}: {exc.message}")
    return problems


def check_status_content(status: StatusContent) -> list[str]:
    """Every status message renders, for every status code, within Telegram's limit."""
    problems = []
    applications = [
        {
            "program_name": "KLJ (Kartu Lansia Jakarta)",
            "label": text.label,
            "meaning": text.meaning,
            "next_step": text.next_step,
            "where": text.where,
            "reason": "contoh alasan",
            "updated_on": dt.date(2026, 1, 1),
        }
        for text in status.statuses.values()
    ]
    for key in status.messages:
        try:
            text = status.message(key, applications=applications, **STATUS_SAMPLE)
        except jinja2.TemplateRuntimeError as exc:  # undefined, or unsafe in the sandbox
            problems.append(f"content/{STATUS_FILE}: messages.{key}: {exc.message}")
            continue
        if len(text) > TELEGRAM_MAX_CHARS:
            problems.append(f"content/{STATUS_FILE}: messages.{key}: {len(text)} characters with every status shown")
    return problems


def main(today: dt.date | None = None) -> int:
    """Exit 1 on any problem; warnings (dates due soon, long sentences) are printed but pass.

    `today` is the Jakarta date, from the clock unless a test gives one."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--content", type=Path, default=PROJECT_ROOT / "content")
    parser.add_argument("--domain", type=Path, default=PROJECT_ROOT / "domain.yml")
    parser.add_argument("--per-entry", action="store_true", help="words per sentence for every entry")
    args = parser.parse_args()
    try:
        store = load_content(args.content)
        status = load_status_content(args.content)
    except ContentError as exc:
        print(f"check-content: {exc}", file=sys.stderr)
        return 1
    problems = check_store(store, read_domain(args.domain)) + check_status_content(status)
    date_problems, date_warnings = date_findings(dated(store.answers.values(), status), today or jakarta_today())
    problems += date_problems
    sentences = readability(store.answers.values())
    for warning in date_warnings + sentences.warnings():
        print(f"check-content: warning: {warning}")
    for line in sentences.per_entry() if args.per_entry else []:
        print(f"check-content: {line}")
    print(f"check-content: {sentences.summary()}")
    for problem in problems:
        print(f"check-content: {problem}", file=sys.stderr)
    if problems:
        print(f"check-content: {len(problems)} problem(s); nothing was changed", file=sys.stderr)
        return 1
    print(f"check-content: {len(store.answers)} answers and {len(store.messages)} messages are valid")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
