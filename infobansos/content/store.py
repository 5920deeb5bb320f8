"""Loading, validating and rendering `content/`: what residents are told.

Staff edit YAML files, not code, so every mistake must come back as a message that names the
file and the field. Content is loaded once at start-up; a restart picks up edits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from infobansos.content.templates import (
    ContentError,
    compile_template,
    format_date_id,
    format_rupiah,
    read_yaml,
    require_field,
    template_environment,
)

__all__ = ["ContentError", "format_date_id", "format_rupiah", "load_content"]

ANSWERS_DIR = "answers"
MESSAGES_FILE = "messages.yml"
PROGRAMS_FILE = "programs.yml"
TOPICS_FILE = "topics.yml"
SIGNALS_FILE = "signals.yml"
# Rasa's intent when unsure, and ours for questions unrelated to bansos.
FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE_INTENT = "out_of_scope"
# "jawabannya ga nyambung": the resident says the last answer missed; offer the other likely ones.
NOT_FITTING_INTENT = "tidak_nyambung"
# What the bot offers after a miss (👎 or "ga nyambung"): NLU's runners-up, then these, then a person.
SUGGESTED_TOPICS = 3
GENERAL_TOPICS = ("tanya_syarat", "tanya_cara_daftar", "tanya_jadwal_cair")
CONTACT_PAYLOAD = "/tanya_kontak"
# Question types answered per program: each needs an entry per program plus a general one.
PROGRAM_QUESTION_INTENTS = (
    "tanya_program",
    "tanya_syarat",
    "tanya_besaran",
    "tanya_cara_daftar",
    "tanya_jadwal_cair",
    "tanya_cara_cek",
    "tanya_tidak_dapat",
)
TELEGRAM_MAX_CHARS = 4096
# "fakta" answers state facts, so they must cite sources and a check date, and show that date;
# "percakapan" (greeting, thanks, fallback) is the bot talking about itself.
KIND_FACT = "fakta"
KIND_CHAT = "percakapan"

# Messages the code asks for by name; check-content makes sure each one exists.
# The custom message `action_reload_content` answers the bot's /reload with.
RELOAD_RESULT_KEY = "content_reload"

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
)


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Answer:
    """One answer entry: a template plus where its facts come from and when they were checked."""

    id: str
    kind: str
    intent: str
    program: str | None
    template: jinja2.Template
    sources: tuple[str, ...]
    checked: dt.date | None
    buttons: tuple[Button, ...]
    path: Path


@dataclass(frozen=True)
class Program:
    key: str
    name: str
    short: str


@dataclass(frozen=True)
class RenderedAnswer:
    answer_id: str
    text: str
    buttons: tuple[Button, ...] = ()
    is_fact: bool = False  # a factual answer, which residents are asked to rate (👍/👎)


@dataclass(frozen=True)
class CorrectionWords:
    """What residents write when an answer missed (content/signals.yml), for the confusion signals."""

    anywhere: tuple[str, ...]
    whole_message: tuple[str, ...]


@dataclass
class ContentStore:
    """All answers and interface messages, indexed for lookup."""

    answers: dict[tuple[str, str | None], Answer] = field(default_factory=dict)
    messages: dict[str, jinja2.Template] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)
    corrections: CorrectionWords = field(default_factory=lambda: CorrectionWords((), ()))

    def answer_for(self, intent: str, program: str | None = None) -> Answer | None:
        """The program-specific answer if there is one, else the general answer for the intent."""
        return self.answers.get((intent, program)) or self.answers.get((intent, None))

    def render(self, answer: Answer, context: Mapping[str, Any] | None = None) -> RenderedAnswer:
        variables = dict(context or {})
        if answer.program in self.programs:
            variables.setdefault("program_name", self.programs[answer.program].name)
        body = answer.template.render(**variables).strip()
        text = body
        if answer.kind == KIND_FACT:
            checked = format_date_id(answer.checked) if answer.checked else ""
            text += "\n\n" + self.message("answer_footer", checked=checked, sources=answer.sources)
        return RenderedAnswer(answer.id, text, answer.buttons, is_fact=answer.kind == KIND_FACT)

    def topic_buttons(self, intents: Iterable[str], program: str | None, limit: int) -> tuple[Button, ...]:
        """Buttons for these question topics (first `limit` known ones), asked about `program` if any.

        Used where the bot offers the topics it thinks the resident might have meant.
        """
        buttons: dict[str, Button] = {}
        for name in intents:
            if name not in self.topics or name in buttons:
                continue
            payload = f"/{name}"
            if program and name in PROGRAM_QUESTION_INTENTS:
                payload += f'{{"program": "{program}"}}'
            buttons[name] = Button(self.topics[name], payload)
            if len(buttons) == limit:
                break
        return tuple(buttons.values())

    def ways_forward(self, ranked: Iterable[str], answered: str | None, program: str | None) -> tuple[Button, ...]:
        """After a miss: the other likely topics (runners-up first, then common ones), then "ask a human".

        The topic that was just answered is not offered again; the program stays the same.
        """
        skipped = {answered, CONTACT_PAYLOAD.lstrip("/")}  # the person comes last, as its own button
        candidates = [intent for intent in (*ranked, *GENERAL_TOPICS) if intent not in skipped]
        topics = self.topic_buttons(candidates, program, SUGGESTED_TOPICS)
        return (*topics, Button(self.message("feedback_contact_button"), CONTACT_PAYLOAD))

    def message(self, key: str, **context: Any) -> str:
        return self.messages[key].render(**context).strip()

    @property
    def intents(self) -> set[str]:
        return {intent for intent, _ in self.answers}


def _parse_buttons(raw: Any, path: Path, where: str) -> tuple[Button, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ContentError(path, f"{where}.buttons", "must be a list")
    buttons = []
    for i, item in enumerate(raw):
        item_where = f"{where}.buttons[{i}]"
        if not isinstance(item, dict):
            raise ContentError(path, item_where, "must have 'title' and 'payload'")
        buttons.append(
            Button(
                require_field(item, "title", str, path, item_where),
                require_field(item, "payload", str, path, item_where),
            )
        )
    return tuple(buttons)


def _parse_answer(env: jinja2.Environment, raw: Any, path: Path, where: str) -> Answer:
    if not isinstance(raw, dict):
        raise ContentError(path, where, "must be a mapping with id, intent, text, sources, checked")
    answer_id = require_field(raw, "id", str, path, where)
    where = f"{where} ({answer_id})"
    kind = raw.get("kind", KIND_FACT)
    if kind not in (KIND_FACT, KIND_CHAT):
        raise ContentError(path, f"{where}.kind", f"must be '{KIND_FACT}' or '{KIND_CHAT}'")
    sources: list[Any] = raw.get("sources") or []
    checked = raw.get("checked")
    if kind == KIND_FACT:
        sources = require_field(raw, "sources", list, path, where)
        checked = require_field(raw, "checked", dt.date, path, where)
    for i, url in enumerate(sources):
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise ContentError(path, f"{where}.sources[{i}]", "must be a web address starting with https://")
    program = raw.get("program")
    if program is not None and not isinstance(program, str):
        raise ContentError(path, f"{where}.program", "must be text")
    return Answer(
        id=answer_id,
        kind=kind,
        intent=require_field(raw, "intent", str, path, where),
        program=program,
        template=compile_template(env, require_field(raw, "text", str, path, where), path, f"{where}.text"),
        sources=tuple(sources),
        checked=checked,
        buttons=_parse_buttons(raw.get("buttons"), path, where),
        path=path,
    )


def _load_answers(env: jinja2.Environment, directory: Path, store: ContentStore) -> None:
    seen_ids: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yml")):
        data = read_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("answers"), list):
            raise ContentError(path, "answers", "the file must contain a list named 'answers'")
        for i, raw in enumerate(data["answers"]):
            answer = _parse_answer(env, raw, path, f"answers[{i}]")
            if answer.id in seen_ids:
                raise ContentError(path, f"answers[{i}].id", f"'{answer.id}' is also used in {seen_ids[answer.id]}")
            key = (answer.intent, answer.program)
            if key in store.answers:
                other = store.answers[key]
                raise ContentError(path, f"answers[{i}]", f"same intent/program as '{other.id}' in {other.path}")
            seen_ids[answer.id] = path
            store.answers[key] = answer


def _load_messages(env: jinja2.Environment, path: Path, store: ContentStore) -> None:
    data = read_yaml(path) if path.exists() else None
    if not isinstance(data, dict) or not isinstance(data.get("messages"), dict):
        raise ContentError(path, "messages", "the file must contain a mapping named 'messages'")
    for key, text in data["messages"].items():
        if not isinstance(text, str):
            raise ContentError(path, f"messages.{key}", "must be text")
        store.messages[key] = compile_template(env, text, path, f"messages.{key}")
    for key in REQUIRED_MESSAGES:
        if key not in store.messages:
            raise ContentError(path, f"messages.{key}", "is missing")


def _load_mapping(path: Path, name: str) -> dict[str, Any]:
    data = read_yaml(path) if path.exists() else None
    if not isinstance(data, dict) or not isinstance(data.get(name), dict):
        raise ContentError(path, name, f"the file must contain a mapping named '{name}'")
    return data[name]


def _load_programs(path: Path, store: ContentStore) -> None:
    for key, raw in _load_mapping(path, "programs").items():
        if not isinstance(raw, dict):
            raise ContentError(path, f"programs.{key}", "must have 'name' and 'short'")
        where = f"programs.{key}"
        store.programs[key] = Program(
            key, require_field(raw, "name", str, path, where), require_field(raw, "short", str, path, where)
        )


def _load_topics(path: Path, store: ContentStore) -> None:
    for intent, label in _load_mapping(path, "topics").items():
        if not isinstance(label, str) or not label.strip():
            raise ContentError(path, f"topics.{intent}", "must be a short label")
        store.topics[intent] = label


def _load_signal_words(path: Path, store: ContentStore) -> None:
    words = {}
    for name in ("corrections", "corrections_whole_message"):
        raw = _load_mapping(path, "signals").get(name)
        if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
            raise ContentError(path, f"signals.{name}", "must be a list of words or phrases")
        words[name] = tuple(w.strip().lower() for w in raw)
    store.corrections = CorrectionWords(words["corrections"], words["corrections_whole_message"])


def load_content(content_dir: Path) -> ContentStore:
    """Read and validate every content file; raises ContentError on the first problem."""
    env = template_environment()
    store = ContentStore()
    _load_messages(env, content_dir / MESSAGES_FILE, store)
    _load_programs(content_dir / PROGRAMS_FILE, store)
    _load_topics(content_dir / TOPICS_FILE, store)
    _load_signal_words(content_dir / SIGNALS_FILE, store)
    _load_answers(env, content_dir / ANSWERS_DIR, store)
    for answer in store.answers.values():
        if answer.program is not None and answer.program not in store.programs:
            raise ContentError(answer.path, f"{answer.id}.program", f"'{answer.program}' is not in {PROGRAMS_FILE}")
    return store
