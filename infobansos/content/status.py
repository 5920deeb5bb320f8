"""The resident-facing words of the status check, read from `content/status.yml`.

Status codes come from the data office's export; what each one means for the resident, the next
step and where to go are outreach staff's words, so they live in content, not code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from infobansos.content.templates import (
    ContentError,
    compile_template,
    read_yaml,
    require_field,
    template_environment,
)

STATUS_FILE = "status.yml"
STATUS_CODES = ("diusulkan", "diverifikasi", "disetujui", "ditetapkan", "disalurkan", "ditolak", "dinonaktifkan")
STATUS_MESSAGES = (
    "ask_nik",
    "ask_kk",
    "no_number",
    "still_waiting",
    "bad_length",
    "bad_province",
    "bad_date",
    "found",
    "no_match",
    "locked",
    "nik_locked",
    "budget_spent",
    "too_many",
    "cancelled",
    "private_chat_only",
)


@dataclass(frozen=True)
class StatusText:
    """How one status code is explained to a resident."""

    code: str
    label: str
    meaning: str
    next_step: str
    where: str


@dataclass
class StatusContent:
    statuses: dict[str, StatusText] = field(default_factory=dict)
    messages: dict[str, jinja2.Template] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    checked: dt.date | None = None

    def message(self, key: str, **context: Any) -> str:
        return self.messages[key].render(**context).strip()


def _parse_status(raw: Any, code: str, path: Path) -> StatusText:
    where = f"statuses.{code}"
    if not isinstance(raw, dict):
        raise ContentError(path, where, "status_fields")
    fields = {
        name: require_field(raw, name, str, path, where).strip() for name in ("label", "meaning", "next_step", "where")
    }
    return StatusText(code=code, **fields)


def load_status_content(content_dir: Path) -> StatusContent:
    """Read and validate `status.yml`; raises ContentError naming the file and field."""
    path = content_dir / STATUS_FILE
    data = read_yaml(path) if path.exists() else None
    if not isinstance(data, dict):
        raise ContentError(path, "file", "status_file")
    content = StatusContent(
        sources=tuple(require_field(data, "sources", list, path, "file")),
        checked=require_field(data, "checked", dt.date, path, "file"),
    )
    statuses = require_field(data, "statuses", dict, path, "file")
    for code in STATUS_CODES:
        if code not in statuses:
            raise ContentError(path, f"statuses.{code}", "missing")
        content.statuses[code] = _parse_status(statuses[code], code, path)
    for code in statuses:
        if code not in STATUS_CODES:
            raise ContentError(path, f"statuses.{code}", "unknown_status", codes=", ".join(STATUS_CODES))
    env = template_environment()
    messages = require_field(data, "messages", dict, path, "file")
    for key in STATUS_MESSAGES:
        text = messages.get(key)
        if not isinstance(text, str) or not text.strip():
            raise ContentError(path, f"messages.{key}", "missing")
        content.messages[key] = compile_template(env, text, path, f"messages.{key}")
    return content
