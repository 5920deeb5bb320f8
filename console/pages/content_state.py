"""What the content pages know about the answers: the store behind a set of files, drafts laid
over the published revision, and which validation problems belong to which entry.

The revision store hands out content as files (path -> text, the same YAML staff review in git),
so every page reads them through the bot's own loader: what the console shows is what the bot
will serve. Loading parses and compiles every template (about a third of a second), so the store
of one set of files is kept while those files stay the same.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tempfile
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request

from infobansos.content.revisions import Draft, Problem, entry_yaml, read_entry, validate_files, with_entry
from infobansos.content.store import Answer, ContentStore, load_content
from infobansos.content.templates import format_date_id
from infobansos.jakarta_time import jakarta_date, wib_clock

Files = Mapping[str, str]
LABEL_CHARS = 60  # an answer without a topic label is named by the start of its text
STORES_KEPT = 4  # the published revision, and the same with today's drafts laid over it, plus spares


@lru_cache(maxsize=STORES_KEPT)
def _load(items: tuple[tuple[str, str], ...]) -> ContentStore:
    with tempfile.TemporaryDirectory(prefix="konsol-konten-") as directory:
        root = Path(directory)
        for path, text in items:
            target = (root / path).resolve()
            if not target.is_relative_to(root.resolve()):  # paths come from the store, but never trust a path
                raise ValueError(f"content path outside the content directory: {path!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return load_content(root)


def store_for(files: Files) -> ContentStore:
    """The bot's ContentStore for these files; raises ContentError as `make check-content` would."""
    return _load(tuple(sorted(files.items())))


def with_drafts(files: Files, drafts: Iterable[Draft]) -> dict[str, str]:
    """The files as they will be once every pending draft is published."""
    result = dict(files)
    for draft in drafts:
        result = with_entry(result, draft.answer_id, draft.fields)
    return result


def answer_by_id(store: ContentStore, answer_id: str) -> Answer | None:
    return next((answer for answer in store.answers.values() if answer.id == answer_id), None)


def entry_label(store: ContentStore, answer: Answer) -> str:
    """The question an answer is for, in plain words: its topic's label, else the start of its text
    (greetings, "not understood" and the like have no topic label)."""
    if answer.intent in store.topics:
        return store.topics[answer.intent]
    line = next((line for line in answer.text_source.splitlines() if line.strip()), answer.id)
    return line if len(line) <= LABEL_CHARS else line[: LABEL_CHARS - 1].rstrip() + "…"


def entry_titles(store: ContentStore) -> dict[str, tuple[str, str]]:
    """(question label, program name or "") of every entry by id, to name entries on list pages."""
    return {
        answer.id: (entry_label(store, answer), store.programs[answer.program].name if answer.program else "")
        for answer in store.answers.values()
    }


def problem_entry(problem: Problem, answer_ids: Iterable[str]) -> str | None:
    """The entry a validation problem is about, read from where it points (`klj_syarat.text`)."""
    words = set(re.findall(r"[A-Za-z0-9_]+", problem.where))
    return next((answer_id for answer_id in answer_ids if answer_id in words), None)


def problem_field(problem: Problem) -> str | None:
    """The entry field a problem is about (`text`, `checked`, `buttons`…), None for the whole entry."""
    match = re.search(r"\.([a-z_]+)(\[\d+\])?[^.]*$", problem.where)
    return match.group(1) if match else None


@lru_cache(maxsize=STORES_KEPT)
def _problems(items: tuple[tuple[str, str], ...], today: dt.date) -> tuple[Problem, ...]:
    del today  # part of the key only: a date check's verdict changes at midnight
    return tuple(validate_files(dict(items)))


def problems_for(files: Files, today: dt.date) -> tuple[Problem, ...]:
    """`make check-content`'s problems with these files (kept while the files and the day stay the same)."""
    return _problems(tuple(sorted(files.items())), today)


def entry_diff(before: Files, after: Files, answer_id: str) -> str:
    """The entry's lines that change from `before` to `after`, as in its YAML file (for audit and review)."""
    old, new = entry_yaml(before, answer_id), entry_yaml(after, answer_id)
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "sebelum", "sesudah", n=1))


def content_dir(request: Request) -> Path:
    return request.app.state.settings.content_dir


def known_answer(files: Files, request: Request) -> str:
    """The entry id from the URL, if such an entry exists (404 otherwise); never used as a path."""
    answer_id = str(request.path_params["answer_id"])
    try:
        read_entry(files, answer_id)
    except KeyError:
        raise HTTPException(404) from None
    return answer_id


def wib(moment: dt.datetime) -> str:
    """'1 Desember 2026 15.30': when a draft or revision was saved, in Jakarta time."""
    if moment.tzinfo is None:  # SQLite hands back the stored UTC time without its zone
        moment = moment.replace(tzinfo=dt.UTC)
    return f"{format_date_id(jakarta_date(moment))} {wib_clock(moment)}"
