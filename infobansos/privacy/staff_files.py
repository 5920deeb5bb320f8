"""Reports and exports under var/: deleted after the retention period and on `/hapusdata`.

`make report` and `make export-confusions` write a new folder per run under var/reports/ and
var/exports/. They hold no pseudonym, but they quote residents' (redacted) questions, so they
must not outlive the question log they were made from (UU 27/2022 PDP: keep no longer than needed),
and a resident's erasure must reach them too. A deleted report is not lost work: `make report`
builds it again from what the log still holds.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

REPORTS_DIR = "reports"
EXPORTS_DIR = "exports"


def staff_output_dirs(var_dir: Path) -> tuple[Path, ...]:
    """The folders whose entries (one per run) the retention period and `/hapusdata` cover."""
    return (var_dir / REPORTS_DIR, var_dir / EXPORTS_DIR)


def _entries(var_dir: Path) -> Iterator[Path]:
    for parent in staff_output_dirs(var_dir):
        if parent.is_dir():
            yield from sorted(parent.iterdir())


def _files(entry: Path) -> list[Path]:
    return [entry] if not entry.is_dir() else [path for path in entry.rglob("*") if path.is_file()]


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    else:
        entry.unlink(missing_ok=True)


def delete_outputs_before(var_dir: Path, before: dt.datetime) -> int:
    """Delete each report/export whose newest file is older than `before`; how many went."""
    deleted = 0
    for entry in _entries(var_dir):
        times = [path.stat().st_mtime for path in _files(entry)] or [entry.stat().st_mtime]
        if max(times) < before.timestamp():
            _remove(entry)
            deleted += 1
    return deleted


def _spellings(text: str) -> set[str]:
    """How a question can appear in a report's HTML, JSON, CSV or YAML files."""
    escaped = html.escape(text)
    jinja = escaped.replace("&quot;", "&#34;").replace("&#x27;", "&#39;")  # markupsafe's spelling
    return {text, escaped, jinja, json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}


def delete_outputs_quoting(var_dir: Path, texts: Iterable[str]) -> int:
    """Delete each report/export that quotes one of `texts` (a resident's logged questions).

    Reports hold no pseudonym, so a question is found by its text. A report quoting the same words
    from someone else goes too; that errs on the side of erasure and `make report` remakes it.
    """
    needles = {spelling for text in texts if text.strip() for spelling in _spellings(text.strip())}
    if not needles:
        return 0
    deleted = 0
    for entry in _entries(var_dir):
        contents = (path.read_text(encoding="utf-8", errors="replace") for path in _files(entry))
        if any(needle in content for content in contents for needle in needles):
            _remove(entry)
            deleted += 1
    return deleted
