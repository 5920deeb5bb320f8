"""Where reports and exports go: a new folder per run, named after the local time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from infobansos.privacy.staff_files import EXPORTS_DIR, REPORTS_DIR  # the retention period covers them

__all__ = ["EXPORTS_DIR", "REPORTS_DIR", "latest_with", "timestamped"]


def timestamped(parent: Path, now: dt.datetime | None = None) -> Path:
    """A new folder name under `parent`, e.g. 20261129-101500; a suffix when two runs share a second."""
    base = parent / (now or dt.datetime.now(dt.UTC)).astimezone().strftime("%Y%m%d-%H%M%S")
    path, n = base, 1
    while path.exists():
        n += 1
        path = base.with_name(f"{base.name}-{n}")
    return path


def latest_with(parent: Path, file_name: str) -> Path | None:
    """The newest folder under `parent` that holds `file_name` (folder names sort by time)."""
    if not parent.is_dir():
        return None
    found = [folder for folder in parent.iterdir() if (folder / file_name).is_file()]
    return max(found, key=lambda folder: (folder.stat().st_mtime, folder.name)) if found else None
