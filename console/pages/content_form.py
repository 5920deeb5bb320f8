"""The entry editor's form: what staff typed, read into EntryFields, and back into form rows.

Staff never type a button's payload (`/tanya_syarat{"program": "klj"}`): a button is a label, a
question topic and optionally a program, and the payload is made by `protocol.payload`, the same
function the bot uses. What cannot be read (a date that is no date, a button without a topic) comes
back as a code per field; the template says it in Indonesian next to that field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import zip_longest

from starlette.datastructures import FormData

from infobansos import protocol
from infobansos.content.revisions import EntryFields

BLANK_BUTTON_ROWS = 2  # empty rows under the entry's buttons, to add one without JavaScript
FIELDS = ("text", "more", "sources", "checked", "buttons", "notes")


@dataclass(frozen=True)
class ButtonRow:
    title: str
    topic: str  # the intent the button asks
    program: str  # "" when the button asks in general


# What YAML cannot hold (control characters, pasted in from office documents now and then): invisible,
# so dropped rather than refused; otherwise the entry's file could not be written at all.
NOT_IN_YAML = re.compile("[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: object) -> str:
    return NOT_IN_YAML.sub("", value.replace("\r\n", "\n")) if isinstance(value, str) else ""  # browsers send CRLF


def _value(form: FormData, name: str) -> str:
    return _clean(form.get(name))


def _optional(form: FormData, name: str) -> str | None:
    """None for a field left blank (or only spaces): the entry then has no such part."""
    value = _value(form, name)
    return value if value.strip() else None


def _values(form: FormData, name: str) -> list[str]:
    return [_clean(value).strip() for value in form.getlist(name)]


def button_rows(buttons: tuple[tuple[str, str], ...]) -> list[ButtonRow]:
    """The entry's buttons as form rows, plus blank ones to fill in."""
    rows = []
    for title, payload in buttons:
        topic = payload.removeprefix(protocol.PAYLOAD_PREFIX).partition("{")[0]
        try:
            program = protocol.payload_program(payload) or ""
        except ValueError:  # check-content reports the payload; the row keeps the topic
            program = ""
        rows.append(ButtonRow(title, topic, program))
    return rows + [ButtonRow("", "", "")] * BLANK_BUTTON_ROWS


def fields_from_form(form: FormData) -> tuple[EntryFields, dict[str, str]]:
    """(the fields as typed, {field: problem code}) from the editor's form.

    Unreadable parts are left out of the fields and reported, so the preview can still show the rest."""
    problems: dict[str, str] = {}
    checked: dt.date | None = None
    if typed_date := _value(form, "checked").strip():
        try:
            checked = dt.date.fromisoformat(typed_date)
        except ValueError:
            problems["checked"] = "unreadable_date"
    buttons = []
    columns = (_values(form, "button_title"), _values(form, "button_topic"), _values(form, "button_program"))
    for title, topic, program in zip_longest(*columns, fillvalue=""):
        if not title and not topic:
            continue  # a blank row, or a button staff removed by clearing it
        if not title or not topic:
            problems["buttons"] = "incomplete_button"
            continue
        buttons.append((title, protocol.payload(topic, program or None)))
    fields = EntryFields(
        text=_value(form, "text"),
        more=_optional(form, "more"),
        sources=tuple(line.strip() for line in _value(form, "sources").splitlines() if line.strip()),
        checked=checked,
        buttons=tuple(buttons),
        notes=_optional(form, "notes"),
    )
    return fields, problems
