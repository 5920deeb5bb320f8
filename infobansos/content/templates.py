"""The YAML and Jinja2 plumbing under every content file: reading, checking fields, templates.

Shared by `store` (answers and messages) and `status` (the status check's words), so
that every content mistake is reported the same way: the file, the field, the problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

from infobansos.content.findings import say

MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


class ContentError(ValueError):
    """A content file is wrong; `str()` names the file and the field.

    `code` picks the plain Indonesian sentence from the checks' catalogue (`check_messages.yml`),
    which staff read in the console as well as in `make check-content`."""

    def __init__(self, path: Path, where: str, code: str, **params: Any) -> None:
        problem = say(code, **params)
        super().__init__(f"{path}: {where}: {problem}")
        self.path, self.where, self.problem = path, where, problem


def format_date_id(day: dt.date) -> str:
    """'28 November 2026': Indonesian month names, independent of the machine's locale."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def format_month_id(day: dt.date) -> str:
    """'November 2026': how the answer footer dates the facts (the month they were last verified)."""
    return f"{MONTHS_ID[day.month - 1]} {day.year}"


def format_rupiah(amount: int) -> str:
    """'Rp300.000': Indonesian thousands separator."""
    return "Rp" + f"{int(amount):,}".replace(",", ".")


def template_environment() -> jinja2.Environment:
    """The environment every content template renders in.

    Sandboxed: content is edited by staff, not programmers, and a template such as
    `{{ ''.__class__.__mro__ }}` must not reach Python's internals from inside the bot."""
    # StrictUndefined: a misspelt variable must fail check-content, not reach a resident as "".
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters["rupiah"] = format_rupiah
    env.filters["tanggal"] = format_date_id
    env.filters["bulan"] = format_month_id
    return env


def require_field(mapping: Mapping[str, Any], key: str, kind: type, path: Path, where: str) -> Any:
    if key not in mapping or mapping[key] in (None, ""):
        raise ContentError(path, f"{where}.{key}", "missing")
    value = mapping[key]
    if not isinstance(value, kind):
        raise ContentError(path, f"{where}.{key}", "wrong_type", kind=kind.__name__, got=type(value).__name__)
    return value


def compile_template(env: jinja2.Environment, source: str, path: Path, where: str) -> jinja2.Template:
    try:
        return env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError(path, where, "template_syntax", line=exc.lineno, error=exc.message) from exc


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark else "file"
        raise ContentError(path, line, "bad_yaml", error=getattr(exc, "problem", exc)) from exc
