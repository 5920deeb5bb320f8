"""`make check-content`: validate every file in content/ before residents see it.

Checks the schema, renders every template (an undefined variable fails), keeps each answer within
Telegram's 4096 characters, and checks that content and the Rasa domain agree: every intent in
the domain has an answer and every answer belongs to an intent the bot can recognise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jinja2
import yaml

from infobansos.content import TELEGRAM_MAX_CHARS, ContentError, ContentStore, load_content
from infobansos.settings import PROJECT_ROOT

# Intents Rasa produces by itself, without training examples in the domain.
BUILTIN_INTENTS = {"nlu_fallback"}


def domain_intents(domain_path: Path) -> set[str]:
    data = yaml.safe_load(domain_path.read_text(encoding="utf-8")) or {}
    intents = set()
    for item in data.get("intents", []):
        intents.add(next(iter(item)) if isinstance(item, dict) else str(item))
    return intents


def check_store(store: ContentStore, intents: set[str], domain_path: Path) -> list[str]:
    """Problems that need the whole picture (rendering, reachability); empty when all is well."""
    problems = []
    for answer in store.answers.values():
        try:
            text = store.render(answer).text
        except jinja2.UndefinedError as exc:
            problems.append(f"{answer.path}: {answer.id}.text: {exc.message}")
            continue
        if len(text) > TELEGRAM_MAX_CHARS:
            problems.append(
                f"{answer.path}: {answer.id}.text: {len(text)} characters, Telegram allows {TELEGRAM_MAX_CHARS}"
            )
        if answer.intent not in intents | BUILTIN_INTENTS:
            problems.append(f"{answer.path}: {answer.id}.intent: '{answer.intent}' is not an intent in {domain_path}")
    for intent in sorted(intents - store.intents):
        problems.append(f"{domain_path}: intent '{intent}' has no answer in content/answers/")
    for key, template in store.messages.items():
        try:
            template.render(checked="1 Januari 2026", sources=["https://example.org"])
        except jinja2.UndefinedError as exc:
            problems.append(f"content/messages.yml: messages.{key}: {exc.message}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--content", type=Path, default=PROJECT_ROOT / "content")
    parser.add_argument("--domain", type=Path, default=PROJECT_ROOT / "domain.yml")
    args = parser.parse_args()
    try:
        store = load_content(args.content)
    except ContentError as exc:
        print(f"check-content: {exc}", file=sys.stderr)
        return 1
    problems = check_store(store, domain_intents(args.domain), args.domain)
    for problem in problems:
        print(f"check-content: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"check-content: {len(store.answers)} answers and {len(store.messages)} messages are valid")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
