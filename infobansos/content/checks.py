"""`make check-content`: validate every file in content/ before residents see it.

Checks:
- the schema;
- every template renders (an undefined variable fails);
- answers stay short (about 700 characters; hard limits below);
- content and the Rasa domain agree: every question a resident can ask has an answer, every
  answer can be reached, and every button points at a real intent and program.
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
from infobansos.content.status import STATUS_FILE, StatusContent, load_status_content
from infobansos.content.store import (
    TELEGRAM_MAX_CHARS,
    Answer,
    ContentError,
    ContentStore,
    load_content,
)
from infobansos.settings import PROJECT_ROOT

# Intents Rasa produces by itself, without training examples in the domain.
BUILTIN_INTENTS = {protocol.FALLBACK}
# Intents answered by routing to another question type, or by the status check's own actions
# (whose words live in content/status.yml), rather than by an entry in content/answers/.
ROUTED_INTENTS = {protocol.PICK_PROGRAM, protocol.CHECK_STATUS, protocol.SEND_NUMBER}
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
    "checked": "1 Januari 2026",
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
MAX_ANSWER_CHARS = 800  # the guideline is ~700; beyond this an answer is too long for residents


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
    try:
        text = store.render(answer).text
    except jinja2.TemplateRuntimeError as exc:  # undefined, or unsafe in the sandbox
        return [f"{answer.path}: {answer.id}.text: {exc.message}"]
    limit = min(MAX_ANSWER_CHARS, TELEGRAM_MAX_CHARS)
    if len(text) > limit:
        problems.append(f"{answer.path}: {answer.id}.text: {len(text)} characters; keep answers under {limit}")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--content", type=Path, default=PROJECT_ROOT / "content")
    parser.add_argument("--domain", type=Path, default=PROJECT_ROOT / "domain.yml")
    args = parser.parse_args()
    try:
        store = load_content(args.content)
        status = load_status_content(args.content)
    except ContentError as exc:
        print(f"check-content: {exc}", file=sys.stderr)
        return 1
    problems = check_store(store, read_domain(args.domain)) + check_status_content(status)
    for problem in problems:
        print(f"check-content: {problem}", file=sys.stderr)
    if problems:
        print(f"check-content: {len(problems)} problem(s); nothing was changed", file=sys.stderr)
        return 1
    print(f"check-content: {len(store.answers)} answers and {len(store.messages)} messages are valid")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
