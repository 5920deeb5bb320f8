"""The live preview: an entry as the resident will get it on Telegram, made by the bot's own code.

The typed fields are written into the entry's file (`with_entry`), that file is read by the
bot's loader (`read_answers`, the sandboxed template environment of every content template),
rendered by `ContentStore.render` (footer, "Selengkapnya"), then by `bot.rendering.render_reply`
(HTML escaping, buttons, the split at 4,096 characters) with `bot.feedback.feedback_row` under a
factual answer. So staff-typed template code only ever runs in the content sandbox, and the
preview cannot drift from what the bot sends. Problems come back as codes for the template.
"""

from __future__ import annotations

import html
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from bot.feedback import feedback_row
from bot.rasa_client import BotReply
from bot.rendering import ButtonPayloads, render_reply
from console.pages.content_state import Files, answer_by_id, problem_entry, store_for
from infobansos import protocol
from infobansos.content.checks import MAX_ANSWER_CHARS
from infobansos.content.revisions import EntryFields, read_entry, validate_files, with_entry
from infobansos.content.files import read_answers
from infobansos.content.store import ContentError, ContentStore, RenderedAnswer
from infobansos.content.templates import template_environment

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
    problems: tuple[str, ...] = ()  # why it cannot be shown ("" when check-content has no word for it)
    field_problems: dict[str, str] = field(default_factory=dict)
    limit: int = MAX_ANSWER_CHARS


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
    with tempfile.TemporaryDirectory(prefix="konsol-pratinjau-") as directory:
        root = Path(directory)
        (root / Path(location.path).name).write_text(edited[location.path], encoding="utf-8")
        answers = read_answers(template_environment(), root)
    merged = {**store.answers, **answers}
    return replace(store, answers=merged)


def _entry_problems(files: Files, answer_id: str) -> tuple[str, ...]:
    """What `make check-content` says about this entry in these files, in Indonesian."""
    return tuple(p.message for p in validate_files(files) if problem_entry(p, [answer_id]) == answer_id)


def build_preview(files: Files, answer_id: str, fields: EntryFields, field_problems: dict[str, str]) -> Preview:
    """The preview of the typed fields, or why it cannot be shown: check-content's words for the entry."""
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
        problems = _entry_problems(with_entry(files, answer_id, fields), answer_id)
        return Preview(problems=problems or ("",), field_problems=field_problems)
    return Preview(parts=tuple(parts), field_problems=field_problems)
