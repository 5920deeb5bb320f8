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
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request

from infobansos.content.revisions import (
    Draft,
    EntryFields,
    Findings,
    Problem,
    check_files,
    entry_findings,
    entry_yaml,
    load_files,
    read_entry,
    with_entry,
)
from infobansos.content.store import Answer, ContentError, ContentStore
from infobansos.jakarta_time import jakarta_today

Files = Mapping[str, str]
Items = tuple[tuple[str, str], ...]  # a set of files as a hashable cache key
LABEL_CHARS = 60  # an answer without a topic label is named by the start of its text
STORES_KEPT = 4  # the published revision, and the same with today's drafts laid over it, plus spares


@lru_cache(maxsize=STORES_KEPT)
def _load(items: Items) -> ContentStore:
    return load_files(dict(items)).store


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
    """The question an answer is for, in plain words: its topic's label (greetings and "not
    understood" have theirs in `other_topics`), else the start of its text."""
    labels = store.topic_labels
    if answer.intent in labels:
        return labels[answer.intent]
    line = next((line for line in answer.text_source.splitlines() if line.strip()), answer.id)
    return line if len(line) <= LABEL_CHARS else line[: LABEL_CHARS - 1].rstrip() + "…"


def entry_titles(files: Files) -> dict[str, tuple[str, str]]:
    """(question label, program name or "") of every entry by id, to name entries on list pages;
    empty when the files do not load (the pages then name entries by id)."""
    try:
        store = store_for(files)
    except ContentError:
        return {}
    return {
        answer.id: (entry_label(store, answer), store.programs[answer.program].name if answer.program else "")
        for answer in store.answers.values()
    }


def problem_entry(problem: Problem) -> str | None:
    """The entry a finding is about, from where it points: `klj_syarat.text`, or a file error's
    `answers[3] (klj_syarat).text`; None for a finding about no single entry."""
    match = re.match(r"(?:answers\[\d+\] \((?P<quoted>[^)]+)\)|(?P<plain>[A-Za-z0-9_]+))\.", problem.where)
    return (match.group("quoted") or match.group("plain")) if match else None


def problem_field(problem: Problem) -> str | None:
    """The entry field a problem is about (`text`, `checked`, `buttons`…), None for the whole entry."""
    match = re.search(r"\.([a-z_]+)(\[\d+\])?[^.]*$", problem.where)
    return match.group(1) if match else None


@lru_cache(maxsize=STORES_KEPT)
def _findings(items: Items, today: dt.date) -> Findings:
    return check_files(dict(items), today=today)


def findings_for(files: Files) -> Findings:
    """`make check-content`'s problems and warnings for these files (kept while files and day stay the same)."""
    return _findings(tuple(sorted(files.items())), jakarta_today())


@lru_cache(maxsize=16)
def _entry_findings(items: Items, answer_id: str, fields: EntryFields, today: dt.date) -> Findings:
    del today  # part of the key only: a date check's verdict changes at midnight
    return entry_findings(dict(items), answer_id, fields)


def findings_about(files: Files, answer_id: str, fields: EntryFields) -> Findings:
    """check-content's findings about one entry with these fields (the save's own check, kept a while:
    the page after a save, and a preview of unchanged text, ask the same question again)."""
    return _entry_findings(tuple(sorted(files.items())), answer_id, fields, jakarta_today())


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
