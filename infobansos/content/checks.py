"""`make check-content`: validate every file in content/ before residents see it.

Checks:
- the schema;
- every template renders (an undefined variable fails);
- answers stay short: a `text` or `more` part over 700 characters fails (footer excluded);
- every `checked` date is honest: not in the future, not over 12 months old (a warning after 10);
- readability: words per sentence are reported, and each sentence over 20 words is a warning.

- content and the Rasa domain agree: every question a resident can ask has an answer, every
  answer can be reached, and every button points at a real intent and program;
- every intent has a plain label in topics.yml (`topics` or `other_topics`), for staff pages;
- eligibility.yml: every program of the check has rules, each sourced and dated, and the result
  renders within Telegram's limit (`infobansos.eligibility.checks`).

Problems exit 1; warnings are printed and exit 0. The console validates a draft with the same
code (`check_files` checks a tree held in memory), and the words come from one Indonesian
catalogue (`findings`, `check_messages.yml`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from infobansos import protocol
from infobansos.content.files import OTHER_TOPICS
from infobansos.content.findings import Findings, Problem, finding, say
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
from infobansos.content.tree import materialised
from infobansos.eligibility.checks import eligibility_problems, rule_dates
from infobansos.jakarta_time import jakarta_today
from infobansos.settings import PROJECT_ROOT

# Intents Rasa produces by itself, without training examples in the domain.
BUILTIN_INTENTS = {protocol.FALLBACK}
# Intents answered by routing to another question type, or by the status check's own actions
# (whose words live in content/status.yml), rather than by an entry in content/answers/.
ROUTED_INTENTS = {protocol.PICK_PROGRAM, protocol.CHECK_STATUS, protocol.SEND_NUMBER, protocol.CHECK_ELIGIBILITY}
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
    "chosen": "Anak sekolah (SD–SMA), Lansia (60 tahun ke atas)",  # the eligibility check's choices so far
    "done": "Sudah, lanjut",
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
    "kelayakan": dict(started=9, completed=6, abandoned=2, running=1, stops=[("dtsen", 2)], likely=[("PKH", 4)]),
    "file": "status.xlsx",
    "size_mb": "120.4",
    "limit_mb": 100,
}
DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
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


def _payload_problems(answer: Answer, domain: Domain) -> list[Problem]:
    problems = []
    where = f"{answer.id}.buttons"
    for button in answer.buttons:
        intent, _, entities = button.payload.removeprefix("/").partition("{")
        if not button.payload.startswith("/") or intent not in domain.intents:
            problems.append(finding("bad_payload", answer.path, where, title=button.title, payload=button.payload))
            continue
        try:
            program = json.loads("{" + entities).get("program") if entities else None
        except json.JSONDecodeError:
            problems.append(finding("bad_payload_json", answer.path, where, title=button.title))
            continue
        if program is not None and program not in domain.programs:
            problems.append(
                finding(
                    "button_unknown_program",
                    answer.path,
                    where,
                    title=button.title,
                    program=program,
                    domain=domain.path.name,
                )
            )
    return problems


def _answer_problems(store: ContentStore, answer: Answer, domain: Domain) -> list[Problem]:
    problems = []
    parts = [("text", None)] + ([("more", protocol.PART_MORE)] if answer.more is not None else [])
    for name, part in parts:
        where = f"{answer.id}.{name}"
        try:
            store.render(answer, part=part)  # the footer and the buttons render too
            body = store.body(answer, part=part)
        except jinja2.TemplateRuntimeError as exc:  # undefined, or unsafe in the sandbox
            problems.append(finding("template_error", answer.path, where, error=exc.message))
            continue
        if len(body) > MAX_ANSWER_CHARS:
            problems.append(finding(f"too_long_{name}", answer.path, where, length=len(body), limit=MAX_ANSWER_CHARS))
    if answer.more is not None and (answer.intent not in domain.intents or answer.intent in NO_MORE_INTENTS):
        problems.append(finding("more_not_allowed", answer.path, f"{answer.id}.more", intent=answer.intent))
    names = {"domain": domain.path.name, "intent": answer.intent, "program": answer.program}
    if answer.intent not in domain.intents | BUILTIN_INTENTS:
        problems.append(finding("unknown_intent", answer.path, f"{answer.id}.intent", **names))
    if answer.program is not None and answer.intent not in protocol.PROGRAM_QUESTIONS:
        problems.append(finding("not_per_program", answer.path, f"{answer.id}.program", **names))
    if answer.program is not None and answer.program not in domain.programs:
        problems.append(finding("unknown_program", answer.path, f"{answer.id}.program", **names))
    return problems + _payload_problems(answer, domain)


def _coverage_problems(store: ContentStore, domain: Domain) -> list[Problem]:
    problems = []
    answered = store.intents
    for intent in sorted(domain.intents - answered - ROUTED_INTENTS):
        problems.append(finding("intent_without_answer", domain.path.name, "", intent=intent))
    for intent in protocol.PROGRAM_QUESTIONS:
        for program in [None, *sorted(domain.programs)]:
            if intent in domain.intents and (intent, program) not in store.answers:
                name = program or say("general_program")
                problems.append(finding("missing_program_answer", "answers", "", intent=intent, program=name))
    for intent in sorted(set(store.topics) - domain.intents):
        problems.append(
            finding("topic_unknown_intent", "topics.yml", f"topics.{intent}", intent=intent, domain=domain.path.name)
        )
    return problems + _label_problems(store, domain)


def _label_problems(store: ContentStore, domain: Domain) -> list[Problem]:
    """Every intent has a plain label, so reports and the staff console never show an internal name."""
    problems = []
    intents = domain.intents | BUILTIN_INTENTS
    for intent in sorted(intents - set(store.topic_labels)):
        problems.append(finding("intent_without_label", "topics.yml", OTHER_TOPICS, intent=intent))
    for intent in sorted(set(store.other_topics) - intents):
        where = f"{OTHER_TOPICS}.{intent}"
        problems.append(finding("topic_unknown_intent", "topics.yml", where, intent=intent, domain=domain.path.name))
    return problems


def check_store(store: ContentStore, domain: Domain) -> list[Problem]:
    """Problems that need the whole picture (rendering, reachability); empty when all is well."""
    problems = []
    for answer in store.answers.values():
        problems += _answer_problems(store, answer, domain)
    problems += _coverage_problems(store, domain)
    names = {key: program.name for key, program in store.programs.items()}
    problems += eligibility_problems(store.eligibility, names)
    for key, template in store.messages.items():
        try:
            template.render(**MESSAGE_SAMPLE)
        except jinja2.TemplateRuntimeError as exc:  # undefined, or unsafe in the sandbox
            problems.append(finding("template_error", "messages.yml", f"messages.{key}", error=exc.message))
    return problems


def check_status_content(status: StatusContent) -> list[Problem]:
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
        where = f"messages.{key}"
        try:
            text = status.message(key, applications=applications, **STATUS_SAMPLE)
        except jinja2.TemplateRuntimeError as exc:  # undefined, or unsafe in the sandbox
            problems.append(finding("template_error", STATUS_FILE, where, error=exc.message))
            continue
        if len(text) > TELEGRAM_MAX_CHARS:
            problems.append(finding("status_too_long", STATUS_FILE, where, length=len(text), limit=TELEGRAM_MAX_CHARS))
    return problems


def _relative(problem: Problem, content_dir: Path) -> Problem:
    """Name a file by its place in content/ ("answers/klj.yml"): the same for a folder and a revision."""
    path = Path(problem.path)
    if path.is_absolute() and path.is_relative_to(content_dir):
        return Problem(path.relative_to(content_dir).as_posix(), problem.where, problem.message)
    return problem


def check_dir(
    content_dir: Path, domain_path: Path = DOMAIN_FILE, today: dt.date | None = None
) -> tuple[Findings, ContentStore | None]:
    """Every check on one content folder: (problems and warnings, the store when it loaded)."""
    try:
        store = load_content(content_dir)
        status = load_status_content(content_dir)
    except ContentError as exc:
        return Findings([_relative(finding("file_error", exc.path, exc.where, problem=exc.problem), content_dir)]), None
    problems = check_store(store, read_domain(domain_path)) + check_status_content(status)
    dates = dated(store.answers.values(), status) + rule_dates(store.eligibility)
    date_problems, warnings = date_findings(dates, today or jakarta_today())
    warnings += readability(store.answers.values()).warnings()
    findings = Findings(problems + date_problems, warnings)
    findings.problems = [_relative(p, content_dir) for p in findings.problems]
    findings.warnings = [_relative(p, content_dir) for p in findings.warnings]
    return findings, store


def check_files(files: Mapping[str, str], domain_path: Path = DOMAIN_FILE, today: dt.date | None = None) -> Findings:
    """`check_dir` on a content tree held in memory (a draft or a revision), via a temporary folder."""
    with materialised(files) as directory:
        return check_dir(directory.resolve(), domain_path, today)[0]


def main(today: dt.date | None = None) -> int:
    """Exit 1 on any problem; warnings (dates due soon, long sentences) are printed but pass.

    `today` is the Jakarta date, from the clock unless a test gives one."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--content", type=Path, default=PROJECT_ROOT / "content")
    parser.add_argument("--domain", type=Path, default=DOMAIN_FILE)
    parser.add_argument("--per-entry", action="store_true", help="words per sentence for every entry")
    args = parser.parse_args()
    findings, store = check_dir(args.content.resolve(), args.domain, today)
    for warning in findings.warnings:
        print(f"check-content: {say('warning_prefix')}: {warning}")
    if store is not None:
        sentences = readability(store.answers.values())
        for line in sentences.per_entry() if args.per_entry else []:
            print(f"check-content: {line}")
        print(f"check-content: {sentences.summary()}")
    for problem in findings.problems:
        print(f"check-content: {problem}", file=sys.stderr)
    if findings.problems or store is None:
        print(f"check-content: {say('problems_found', count=len(findings.problems))}", file=sys.stderr)
        return 1
    print(f"check-content: {say('all_valid', answers=len(store.answers), messages=len(store.messages))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
