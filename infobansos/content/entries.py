"""One answer entry inside the content files: read its editable fields, or write them back.

The console edits one entry at a time, while the files stay the source staff review in git. So an
entry is replaced inside its file with ruamel.yaml's round trip: comments, key order, block
styles and every other entry stay byte for byte as they were, and a published change shows in
`git diff` as the lines that changed (every shipped file round-trips unchanged, see the tests).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from infobansos.content.files import ANSWER_FIELDS, KIND_FACT
from infobansos.content.store import ANSWERS_DIR

VERSION_LENGTH = 12  # hex digits of the entry version: short, yet no accidental match between two edits


@dataclass(frozen=True)
class EntryFields:
    """What an editor may change in one answer."""

    text: str
    more: str | None = None
    sources: tuple[str, ...] = ()
    checked: dt.date | None = None
    buttons: tuple[tuple[str, str], ...] = ()  # (title, payload)
    notes: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["checked"] = self.checked.isoformat() if self.checked else None
        data["sources"], data["buttons"] = list(self.sources), [list(b) for b in self.buttons]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EntryFields:
        checked = data.get("checked")
        return cls(
            text=data["text"],
            more=data.get("more"),
            sources=tuple(data.get("sources") or ()),
            checked=dt.date.fromisoformat(checked) if checked else None,
            buttons=tuple((str(t), str(p)) for t, p in data.get("buttons") or ()),
            notes=data.get("notes"),
        )

    @property
    def version(self) -> str:
        """A short hash of these fields: what an editor started from, to detect a change in between."""
        canonical = json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:VERSION_LENGTH]


@dataclass(frozen=True)
class EntryLocation:
    """Where an entry lives and what it answers: shown in the editor, not editable there."""

    id: str
    intent: str
    program: str | None
    kind: str
    path: str  # relative to content/, e.g. "answers/klj.yml"


def _yaml() -> YAML:
    """Round-trip settings under which every shipped content file reads and writes back unchanged."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never re-wrap a long line (a source URL, a sentence)
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _answer_files(files: Mapping[str, str]) -> list[str]:
    return sorted(p for p in files if p.startswith(f"{ANSWERS_DIR}/") and p.endswith(".yml") and p.count("/") == 1)


def _entries(path: str, text: str) -> tuple[Any, list[Any]]:
    data = _yaml().load(text)
    answers = data.get("answers") if isinstance(data, dict) else None
    return data, [e for e in answers or [] if isinstance(e, dict)]


def _location(path: str, entry: Mapping[str, Any]) -> EntryLocation:
    return EntryLocation(
        str(entry["id"]), str(entry.get("intent")), entry.get("program"), entry.get("kind", KIND_FACT), path
    )


def _fields(entry: Mapping[str, Any]) -> EntryFields:
    checked = entry.get("checked")
    return EntryFields(
        text=str(entry.get("text") or ""),
        more=None if entry.get("more") is None else str(entry["more"]),
        sources=tuple(str(s) for s in entry.get("sources") or ()),
        checked=checked if isinstance(checked, dt.date) else None,
        buttons=tuple((str(b.get("title")), str(b.get("payload"))) for b in entry.get("buttons") or ()),
        notes=None if entry.get("notes") is None else str(entry["notes"]),
    )


def all_entries(files: Mapping[str, str]) -> Iterator[tuple[EntryLocation, EntryFields]]:
    """Every answer entry, in file order: each file is parsed once (the console's grid)."""
    for path in _answer_files(files):
        for entry in _entries(path, files[path])[1]:
            if "id" in entry:
                yield _location(path, entry), _fields(entry)


def _find(files: Mapping[str, str], answer_id: str) -> tuple[str, Any, CommentedMap]:
    for path in _answer_files(files):
        if answer_id not in files[path]:  # cheap: skip files that cannot hold the id
            continue
        data, entries = _entries(path, files[path])
        for entry in entries:
            if entry.get("id") == answer_id:
                return path, data, entry
    raise KeyError(answer_id)


def read_entry(files: Mapping[str, str], answer_id: str) -> tuple[EntryLocation, EntryFields]:
    """The entry's location and editable fields; KeyError when no entry has this id."""
    path, _, entry = _find(files, answer_id)
    return _location(path, entry), _fields(entry)


def entry_yaml(files: Mapping[str, str], answer_id: str) -> str:
    """The entry as staff see it in its file (for history diffs); empty when it does not exist."""
    try:
        return dump(_find(files, answer_id)[2])
    except KeyError:
        return ""


def _block(value: str) -> str:
    """Multi-line text is written as a `|` block, the way staff write it by hand."""
    return LiteralScalarString(value) if "\n" in value else value


def _put(entry: CommentedMap, key: str, value: Any) -> None:
    """Set a field; a new one goes where ANSWER_FIELDS orders it, so the entry reads as usual."""
    if key in entry:
        entry[key] = value
        return
    order = ANSWER_FIELDS.index(key)
    keys = list(entry)
    position = max(
        (i + 1 for i, k in enumerate(keys) if k in ANSWER_FIELDS and ANSWER_FIELDS.index(k) < order), default=0
    )
    entry.insert(position, key, value)


def _apply(entry: CommentedMap, fields: EntryFields) -> None:
    """Write only the fields that changed, so unchanged ones keep their exact form and comments."""
    old = _fields(entry)
    values: dict[str, Any] = {
        "text": _block(fields.text),
        "more": None if fields.more is None else _block(fields.more),
        "notes": None if fields.notes is None else _block(fields.notes),
        "checked": fields.checked,
        "sources": list(fields.sources) or None,
        "buttons": [{"title": t, "payload": p} for t, p in fields.buttons] or None,
    }
    for key, value in values.items():
        if getattr(old, key) == getattr(fields, key):
            continue
        if value is None:
            entry.pop(key, None)
        else:
            _put(entry, key, value)


def _tail_start(lines: list[str]) -> int:
    """Where the blank lines and entry-level comments closing an entry's region begin.

    ruamel attaches them to the entry's last value, so replacing that value would drop the blank
    line between two entries; the region keeps its original tail instead. Lines indented past the
    fields (6 spaces) belong to a `|` block and are text, not comments."""
    end = len(lines)
    while end and (
        not lines[end - 1].strip() or (lines[end - 1].lstrip().startswith("#") and _indent(lines[end - 1]) <= 4)
    ):
        end -= 1
    return end


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def with_entry(files: Mapping[str, str], answer_id: str, fields: EntryFields) -> dict[str, str]:
    """A copy of `files` with this entry's fields replaced; KeyError when no entry has this id.

    Only the entry's own lines are rewritten: the rest of the file is kept as text, untouched."""
    path, data, entry = _find(files, answer_id)
    answers = data["answers"]
    index = next(i for i, e in enumerate(answers) if e is entry)
    lines = files[path].splitlines(keepends=True)
    start = entry.lc.line
    end = answers[index + 1].lc.line if index + 1 < len(answers) else len(lines)
    region = lines[start:end]
    entry.ca.items.pop(list(entry)[-1], None)  # the closing blank line: restored from `region` below
    _apply(entry, fields)
    fresh = dump([entry]).splitlines(keepends=True)
    new_region = fresh[: _tail_start(fresh)] + region[_tail_start(region) :]
    return {**files, path: "".join(lines[:start] + new_region + lines[end:])}
