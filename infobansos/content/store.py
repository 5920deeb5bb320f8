"""The content store: what residents are told, looked up and rendered.

Staff edit YAML files, not code, so every mistake must come back as a message that names the
file and the field (`files` reads and checks each file). Content is loaded once at start-up; a
restart or the staff's /reload picks up edits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from infobansos import protocol
from infobansos.content.files import (
    KIND_FACT,
    OTHER_TOPICS,
    Answer,
    Button,
    CorrectionWords,
    Program,
    read_answers,
    read_correction_words,
    read_messages,
    read_programs,
    read_topics,
)
from infobansos.content.templates import (
    ContentError,
    format_date_id,
    format_month_id,
    format_rupiah,
    read_yaml,
    template_environment,
)
from infobansos.eligibility.loading import ELIGIBILITY_FILE, load_eligibility
from infobansos.eligibility.models import EligibilityRules

# Re-exported: the code imports the entries and the formats from the store.
__all__ = [
    "KIND_FACT",
    "Answer",
    "Button",
    "ContentError",
    "CorrectionWords",
    "Program",
    "format_date_id",
    "format_month_id",
    "format_rupiah",
    "load_content",
]

ANSWERS_DIR = "answers"
MESSAGES_FILE = "messages.yml"
PROGRAMS_FILE = "programs.yml"
TOPICS_FILE = "topics.yml"
SIGNALS_FILE = "signals.yml"
# What the bot offers after a miss (👎 or "ga nyambung"): NLU's runners-up, then these, then a person.
SUGGESTED_TOPICS = 3
GENERAL_TOPICS = (protocol.ASK_REQUIREMENTS, protocol.ASK_HOW_TO_REGISTER, protocol.ASK_PAYOUT_DATE)
CONTACT_PAYLOAD = protocol.payload(protocol.ASK_CONTACT)
TELEGRAM_MAX_CHARS = 4096

# The custom message `action_reload_content` answers the bot's /reload with.
RELOAD_RESULT_KEY = "content_reload"


@dataclass(frozen=True)
class RenderedAnswer:
    answer_id: str
    text: str
    buttons: tuple[Button, ...] = ()
    is_fact: bool = False  # a factual answer, which residents are asked to rate (👍/👎)


@dataclass
class ContentStore:
    """All answers and interface messages, indexed for lookup."""

    answers: dict[tuple[str, str | None], Answer] = field(default_factory=dict)
    messages: dict[str, jinja2.Template] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)  # question topics: button labels
    other_topics: dict[str, str] = field(default_factory=dict)  # every other intent's label, for staff pages
    corrections: CorrectionWords = field(default_factory=lambda: CorrectionWords((), ()))
    eligibility: EligibilityRules = field(default_factory=EligibilityRules)  # the "Cek kelayakan" rules

    def answer_for(self, intent: str, program: str | None = None) -> Answer | None:
        """The program-specific answer if there is one, else the general answer for the intent."""
        return self.answers.get((intent, program)) or self.answers.get((intent, None))

    def body(self, answer: Answer, context: Mapping[str, Any] | None = None, part: str | None = None) -> str:
        """The answer's own words, without the footer: its `text`, or its `more` for `PART_MORE`."""
        variables = dict(context or {})
        if answer.program in self.programs:
            variables.setdefault("program_name", self.programs[answer.program].name)
        template = answer.more if part == protocol.PART_MORE and answer.more is not None else answer.template
        return template.render(**variables).strip()

    def render(
        self, answer: Answer, context: Mapping[str, Any] | None = None, part: str | None = None
    ) -> RenderedAnswer:
        """The answer as the resident reads it: body, then the footer dating the facts.

        An answer with a `more` part first shows its `text` with a "Selengkapnya" button that asks
        the same question again for `PART_MORE`; both parts carry the footer and the entry's buttons."""
        text = self.body(answer, context, part)
        if answer.kind == KIND_FACT:
            checked = format_month_id(answer.checked) if answer.checked else ""
            text += "\n\n" + self.message("answer_footer", checked=checked, sources=answer.sources)
        buttons = answer.buttons
        if answer.more is not None and part != protocol.PART_MORE:
            more = protocol.payload(answer.intent, answer.program, protocol.PART_MORE)
            buttons = (Button(self.message("more_button"), more), *buttons)
        return RenderedAnswer(answer.id, text, buttons, is_fact=answer.kind == KIND_FACT)

    def topic_buttons(self, intents: Iterable[str], program: str | None, limit: int) -> tuple[Button, ...]:
        """Buttons for these question topics (first `limit` known ones), asked about `program` if any.

        Used where the bot offers the topics it thinks the resident might have meant.
        """
        buttons: dict[str, Button] = {}
        for name in intents:
            if name not in self.topics or name in buttons:
                continue
            payload = protocol.payload(name, program if name in protocol.PROGRAM_QUESTIONS else None)
            buttons[name] = Button(self.topics[name], payload)
            if len(buttons) == limit:
                break
        return tuple(buttons.values())

    def ways_forward(self, ranked: Iterable[str], answered: str | None, program: str | None) -> tuple[Button, ...]:
        """After a miss: the other likely topics (runners-up first, then common ones), then "ask a human".

        The topic that was just answered is not offered again; the program stays the same.
        """
        skipped = {answered, protocol.ASK_CONTACT}  # the person comes last, as its own button
        candidates = [intent for intent in (*ranked, *GENERAL_TOPICS) if intent not in skipped]
        topics = self.topic_buttons(candidates, program, SUGGESTED_TOPICS)
        return (*topics, Button(self.message("feedback_contact_button"), CONTACT_PAYLOAD))

    def message(self, key: str, **context: Any) -> str:
        return self.messages[key].render(**context).strip()

    @property
    def topic_labels(self) -> dict[str, str]:
        """The plain label of every intent (question topics and the others), for staff pages."""
        return {**self.other_topics, **self.topics}

    @property
    def intents(self) -> set[str]:
        return {intent for intent, _ in self.answers}


def read_eligibility(path: Path) -> EligibilityRules:
    """The eligibility self-check's questions and rules (`eligibility.yml`)."""
    if not path.exists():
        raise ContentError(path, "file", "elig_missing")
    return load_eligibility(read_yaml(path) or {}, path)


def load_content(content_dir: Path) -> ContentStore:
    """Read and validate every content file; raises ContentError on the first problem."""
    env = template_environment()
    store = ContentStore(  # read in this order, so the first problem reported stays the same
        messages=read_messages(env, content_dir / MESSAGES_FILE),
        programs=read_programs(content_dir / PROGRAMS_FILE),
        topics=read_topics(content_dir / TOPICS_FILE),
        other_topics=read_topics(content_dir / TOPICS_FILE, OTHER_TOPICS),
        corrections=read_correction_words(content_dir / SIGNALS_FILE),
        answers=read_answers(env, content_dir / ANSWERS_DIR),
        eligibility=read_eligibility(content_dir / ELIGIBILITY_FILE),
    )
    for answer in store.answers.values():
        if answer.program is not None and answer.program not in store.programs:
            raise ContentError(
                answer.path, f"{answer.id}.program", "program_not_listed", program=answer.program, file=PROGRAMS_FILE
            )
    return store
