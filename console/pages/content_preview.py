"""The live preview: an entry as the resident will get it on Telegram, made by the bot's own code.

The typed fields are written into the entry's file (`with_entry`), that file is read by the
bot's loader (`read_answers`, the sandboxed template environment of every content template),
rendered by `ContentStore.render` (footer, "Selengkapnya"), then by `bot.rendering.render_reply`
(HTML escaping, buttons, the split at 4,096 characters) with `bot.feedback.feedback_row` under a
factual answer. So staff-typed template code only ever runs in the content sandbox, and the
preview cannot drift from what the bot sends. Beside it, check-content's findings about the entry
as typed (`entry_findings`, the same code that refuses a save), so problems show while staff type.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace

import jinja2

from bot.feedback import feedback_row
from bot.rasa_client import BotReply
from bot.rendering import ButtonPayloads, render_reply
from console.pages.content_form import FIELDS
from console.pages.content_state import Files, answer_by_id, findings_about, problem_field, store_for
from infobansos import protocol
from infobansos.content.checks import MAX_ANSWER_CHARS
from infobansos.content.files import read_answers
from infobansos.content.revisions import EntryFields, Findings, Problem, read_entry, with_entry
from infobansos.content.store import ANSWERS_DIR, ContentError, ContentStore, RenderedAnswer
from infobansos.content.templates import template_environment
from infobansos.content.tree import materialised

PREVIEW_TURN = "pratinjau"  # stands in for the turn id the 👍/👎 buttons carry
# The preview never sends a button anywhere; the key only lets render_reply build callback data.
PREVIEW_BUTTON_KEY = b"console preview, never sent to Telegram"


@dataclass(frozen=True)
class PreviewMessage:
    text: str  # as the resident reads it (Telegram shows the escaped HTML as this text)
    rows: tuple[tuple[str, ...], ...]  # button labels, row by row
    chars: int


@dataclass(frozen=True)
class PreviewPart:
    name: str  # "text", or "more": what the resident gets after pressing "Selengkapnya"
    messages: tuple[PreviewMessage, ...]
    body_chars: int  # the part's own words, which check-content limits to MAX_ANSWER_CHARS


@dataclass(frozen=True)
class Preview:
    parts: tuple[PreviewPart, ...] = ()
    failed: bool = False  # the entry could not be read or rendered: `findings` say why
    findings: Findings = field(default_factory=Findings)  # check-content's, about this entry as typed
    field_problems: dict[str, str] = field(default_factory=dict)  # what the form could not read, as codes
    limit: int = MAX_ANSWER_CHARS

    def problems_by_field(self) -> tuple[dict[str, list[str]], list[str]]:
        return by_field(self.findings.problems)


def by_field(problems: list[Problem]) -> tuple[dict[str, list[str]], list[str]]:
    """Messages next to the editor field they are about; the rest (the whole entry) for above the form."""
    placed: dict[str, list[str]] = {}
    general = []
    for problem in problems:
        name = problem_field(problem)
        if name in FIELDS:
            placed.setdefault(name, []).append(problem.message)
        else:
            general.append(problem.message)
    return placed, general


def telegram_messages(store: ContentStore, rendered: RenderedAnswer) -> tuple[PreviewMessage, ...]:
    """What the bot sends for this rendered answer: the handler's footer and 👍/👎 row included."""
    reply = BotReply(rendered.text, rendered.buttons)
    footer = store.message("feedback_question") if rendered.is_fact else ""
    extra_row = feedback_row(store, PREVIEW_TURN) if rendered.is_fact else ()
    messages = render_reply(reply, ButtonPayloads(PREVIEW_BUTTON_KEY), footer, extra_row)
    return tuple(
        PreviewMessage(
            text=html.unescape(message.text),  # the page escapes it again: shown as text, as Telegram does
            rows=tuple(tuple(b.text for b in row) for row in message.reply_markup.inline_keyboard)
            if message.reply_markup
            else (),
            chars=len(html.unescape(message.text)),
        )
        for message in messages
    )


def _edited_store(files: Files, answer_id: str, fields: EntryFields) -> ContentStore:
    """The published store with only this entry replaced by the typed fields (one file re-read)."""
    location, _ = read_entry(files, answer_id)
    edited = with_entry(files, answer_id, fields)
    store = store_for(files)
    with materialised({location.path: edited[location.path]}) as directory:
        answers = read_answers(template_environment(), directory / ANSWERS_DIR)
    merged = {**store.answers, **answers}
    return replace(store, answers=merged)


def build_preview(files: Files, answer_id: str, fields: EntryFields, field_problems: dict[str, str]) -> Preview:
    """The preview of the typed fields, with check-content's findings about the entry as typed."""
    findings = findings_about(files, answer_id, fields)
    try:
        store = _edited_store(files, answer_id, fields)
        answer = answer_by_id(store, answer_id)
        if answer is None:  # the id is read-only in the editor, so only a changed file gets here
            raise KeyError(answer_id)
        parts = []
        for name, part in [("text", None)] + ([("more", protocol.PART_MORE)] if answer.more is not None else []):
            rendered = store.render(answer, part=part)
            parts.append(PreviewPart(name, telegram_messages(store, rendered), len(store.body(answer, part=part))))
    except (ContentError, jinja2.TemplateError):  # unreadable, or a template that fails (in the sandbox)
        return Preview(failed=True, findings=findings, field_problems=field_problems)
    return Preview(parts=tuple(parts), findings=findings, field_problems=field_problems)
