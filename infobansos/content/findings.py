"""What the content checks report, in plain Indonesian from one catalogue (`check_messages.yml`).

The same findings reach a developer running `make check-content` and a staff member in the
console, so the words live in one YAML catalogue keyed by a code, not in the checks' code. A
problem blocks publishing; a warning (a date due soon, a long sentence) is advice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).resolve().with_name("check_messages.yml")


@dataclass(frozen=True)
class Problem:
    """One finding: the file (relative to content/ where it is in there), the field, the message."""

    path: str
    where: str
    message: str

    def __str__(self) -> str:
        return ": ".join(part for part in (self.path, self.where, self.message) if part)


@dataclass
class Findings:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, str]:
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["messages"]


def say(code: str, **params: Any) -> str:
    """The catalogue's sentence for `code`; the values are inserted as text, never as a template."""
    return catalogue()[code].format(**params).strip()


def finding(code: str, path: Path | str, where: str, **params: Any) -> Problem:
    return Problem(str(path), where, say(code, **params))
