"""How the content tests change a copy of content/ the way a staff member would."""

from __future__ import annotations

from pathlib import Path


def write_answer(directory: Path, body: str) -> Path:
    """A new answers file in the copy, as staff add one."""
    path = directory / "answers" / "baru.yml"
    path.write_text(body, encoding="utf-8")
    return path
