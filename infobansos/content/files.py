"""The files behind the content store, each read and validated: what every entry holds.

`answers/*.yml`, `messages.yml`, `programs.yml`, `topics.yml` and `signals.yml` are edited by
staff, so every reader checks each field and reports a mistake as ContentError naming the file
and the field. `store.load_content` puts the results together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from infobansos.content.templates import ContentError, compile_template, read_yaml, require_field

# "fakta" answers state facts, so they must cite sources and a check date, and show that date;
# "percakapan" (greeting, thanks, fallback) is the bot talking about itself.
KIND_FACT = "fakta"
KIND_CHAT = "percakapan"

# The section of topics.yml naming the intents that are not question topics (never buttons).
OTHER_TOPICS = "other_topics"

ANSWER_FIELDS = ("id", "kind", "intent", "program", "checked", "sources", "notes", "text", "more", "buttons")

# Messages the code asks for by name; check-content makes sure each one exists.
REQUIRED_MESSAGES = (
    "answer_footer",
    "busy",
    "unknown_command",
    "non_text",
    "button_expired",
    "command_start",
    "command_menu",
    "command_bantuan",
    "command_status",
    "command_privasi",
    "command_hapusdata",
    "command_batal",
    "help",
    "group_hint",
    "slow_down",
    "bot_description",
    "bot_short_description",
    "delete_confirm",
    "delete_yes_button",
    "delete_no_button",
    "feedback_question",
    "feedback_up_button",
    "feedback_down_button",
    "feedback_thanks",
    "feedback_sorry",
    "feedback_contact_button",
    "staff_reload_done",
    "staff_reload_failed",
    "staff_reload_unreachable",
    "staff_stats",
    "delete_done",
    "delete_cancelled",
    "delete_failed",
    "delete_private_only",
    "status_import_too_large",
    "more_button",
    # The eligibility check's conversation (actions/eligibility_*.py).
    "kelayakan_intro",
    "kelayakan_chosen",
    "kelayakan_done_button",
    "kelayakan_not_understood",
    "kelayakan_still_waiting",
    "kelayakan_corrected",
    "kelayakan_restarted",
    "kelayakan_cancelled",
)


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Answer:
    """One answer entry: a template plus where its facts come from and when they were checked.

    `more` is the rest of a long answer, shown when the resident presses "Selengkapnya"; `notes`
    is for staff only (why a sentence is hedged, what to re-check) and never reaches a resident.
    The template sources are kept for the readability check, which reads what staff wrote."""

    id: str
    kind: str
    intent: str
    program: str | None
    template: jinja2.Template
    sources: tuple[str, ...]
    checked: dt.date | None
    buttons: tuple[Button, ...]
    path: Path
    more: jinja2.Template | None = None
    notes: str | None = None
    text_source: str = ""
    more_source: str | None = None


@dataclass(frozen=True)
class Program:
    key: str
    name: str
    short: str


@dataclass(frozen=True)
class CorrectionWords:
    """What residents write when an answer missed (content/signals.yml), for the confusion signals."""

    anywhere: tuple[str, ...]
    whole_message: tuple[str, ...]


def _parse_buttons(raw: Any, path: Path, where: str) -> tuple[Button, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ContentError(path, f"{where}.buttons", "list_required")
    buttons = []
    for i, item in enumerate(raw):
        item_where = f"{where}.buttons[{i}]"
        if not isinstance(item, dict):
            raise ContentError(path, item_where, "button_fields")
        buttons.append(
            Button(
                require_field(item, "title", str, path, item_where),
                require_field(item, "payload", str, path, item_where),
            )
        )
    return tuple(buttons)


def _parse_answer(env: jinja2.Environment, raw: Any, path: Path, where: str) -> Answer:
    if not isinstance(raw, dict):
        raise ContentError(path, where, "entry_mapping")
    answer_id = require_field(raw, "id", str, path, where)
    where = f"{where} ({answer_id})"
    for name in raw:
        if name not in ANSWER_FIELDS:  # a misspelt "note:" would otherwise be dropped without a word
            raise ContentError(path, f"{where}.{name}", "unknown_field", fields=", ".join(ANSWER_FIELDS))
    kind = raw.get("kind", KIND_FACT)
    if kind not in (KIND_FACT, KIND_CHAT):
        raise ContentError(path, f"{where}.kind", "bad_kind", fact=KIND_FACT, chat=KIND_CHAT)
    sources: list[Any] = raw.get("sources") or []
    checked = raw.get("checked")
    if kind == KIND_FACT:
        sources = require_field(raw, "sources", list, path, where)
        checked = require_field(raw, "checked", dt.date, path, where)
    for i, url in enumerate(sources):
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise ContentError(path, f"{where}.sources[{i}]", "bad_source")
    for name in ("program", "notes", "more"):
        if raw.get(name) is not None and not isinstance(raw[name], str):
            raise ContentError(path, f"{where}.{name}", "must_be_text")
    if raw.get("more") is not None and not raw["more"].strip():
        raise ContentError(path, f"{where}.more", "empty_more")
    text = require_field(raw, "text", str, path, where)
    more = raw.get("more")
    return Answer(
        id=answer_id,
        kind=kind,
        intent=require_field(raw, "intent", str, path, where),
        program=raw.get("program"),
        template=compile_template(env, text, path, f"{where}.text"),
        sources=tuple(sources),
        checked=checked,
        buttons=_parse_buttons(raw.get("buttons"), path, where),
        path=path,
        more=None if more is None else compile_template(env, more, path, f"{where}.more"),
        notes=raw.get("notes"),
        text_source=text,
        more_source=more,
    )


def read_answers(env: jinja2.Environment, directory: Path) -> dict[tuple[str, str | None], Answer]:
    """Every answer in `answers/*.yml`, by (intent, program); ids and intent/program pairs are unique."""
    answers: dict[tuple[str, str | None], Answer] = {}
    seen_ids: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yml")):
        data = read_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("answers"), list):
            raise ContentError(path, "answers", "answers_list")
        for i, raw in enumerate(data["answers"]):
            answer = _parse_answer(env, raw, path, f"answers[{i}]")
            if answer.id in seen_ids:
                raise ContentError(
                    path, f"answers[{i}].id", "duplicate_id", answer_id=answer.id, other=seen_ids[answer.id]
                )
            key = (answer.intent, answer.program)
            if key in answers:
                other = answers[key]
                raise ContentError(path, f"answers[{i}]", "duplicate_pair", answer_id=other.id, other=other.path)
            seen_ids[answer.id] = path
            answers[key] = answer
    return answers


def read_messages(env: jinja2.Environment, path: Path) -> dict[str, jinja2.Template]:
    """The interface messages of `messages.yml`, each one the code asks for by name present."""
    messages: dict[str, jinja2.Template] = {}
    data = read_yaml(path) if path.exists() else None
    if not isinstance(data, dict) or not isinstance(data.get("messages"), dict):
        raise ContentError(path, "messages", "mapping_named", name="messages")
    for key, text in data["messages"].items():
        if not isinstance(text, str):
            raise ContentError(path, f"messages.{key}", "must_be_text")
        messages[key] = compile_template(env, text, path, f"messages.{key}")
    for key in REQUIRED_MESSAGES:
        if key not in messages:
            raise ContentError(path, f"messages.{key}", "missing")
    return messages


def _read_mapping(path: Path, name: str) -> dict[str, Any]:
    data = read_yaml(path) if path.exists() else None
    if not isinstance(data, dict) or not isinstance(data.get(name), dict):
        raise ContentError(path, name, "mapping_named", name=name)
    return data[name]


def read_programs(path: Path) -> dict[str, Program]:
    """The programs of `programs.yml`, by key (`klj`, `kjp_plus`, …)."""
    programs: dict[str, Program] = {}
    for key, raw in _read_mapping(path, "programs").items():
        if not isinstance(raw, dict):
            raise ContentError(path, f"programs.{key}", "program_fields")
        where = f"programs.{key}"
        programs[key] = Program(
            key, require_field(raw, "name", str, path, where), require_field(raw, "short", str, path, where)
        )
    return programs


def read_topics(path: Path, section: str = "topics") -> dict[str, str]:
    """The label of each topic in `topics.yml`, by intent.

    `topics` are the question topics, whose labels are also buttons; `other_topics` name every
    other intent (greetings, the status check, "not understood") so staff pages never show an
    intent's internal name."""
    topics: dict[str, str] = {}
    for intent, label in _read_mapping(path, section).items():
        if not isinstance(label, str) or not label.strip():
            raise ContentError(path, f"{section}.{intent}", "short_label")
        topics[intent] = label
    return topics


def read_correction_words(path: Path) -> CorrectionWords:
    """The words and phrases of `signals.yml` that say an answer missed."""
    words = {}
    for name in ("corrections", "corrections_whole_message"):
        raw = _read_mapping(path, "signals").get(name)
        if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
            raise ContentError(path, f"signals.{name}", "word_list")
        words[name] = tuple(w.strip().lower() for w in raw)
    return CorrectionWords(words["corrections"], words["corrections_whole_message"])
