"""Plain names for what the report counts: topic labels and program names from content/.

The analysts' report and the staff console both show an intent by its label in
`content/topics.yml` (`topics` and `other_topics`) and a program by its short name in
`content/programs.yml`, never by the internal key. `make check-content` makes sure every intent
has a label; a key without one (an old log row, a renamed intent) still shows, as itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infobansos.content.files import OTHER_TOPICS, read_programs, read_topics
from infobansos.content.templates import ContentError
from infobansos.content.tree import materialised
from staff.report.labels import load_labels

TOPICS_FILE = "topics.yml"
PROGRAMS_FILE = "programs.yml"


@dataclass(frozen=True)
class DisplayNames:
    topics: Mapping[str, str] = field(default_factory=dict)  # intent -> label
    programs: Mapping[str, str] = field(default_factory=dict)  # program key -> short name
    words: Mapping[str, Any] = field(default_factory=load_labels)

    def topic(self, intent: str | None) -> str:
        """The label of an intent; the words for "no intent" when there is none."""
        if not intent:
            return str(self.words["no_intent"])
        return self.topics.get(intent, intent)

    def program(self, key: str | None) -> str:
        if not key:
            return str(self.words["no_program"])
        return self.programs.get(key, key)

    def status_failure(self, key: str | None) -> str:
        """Why a status check failed, in words (the signal's detail is a content/status.yml key)."""
        return str(self.words["status_failures"].get(key or "", key or "-"))

    def reason(self, key: str) -> str:
        return str(self.words["reasons"].get(key, key))

    def question(self, key: str) -> str:
        """An eligibility question by its plain name (where residents stopped the check)."""
        return str(self.words["eligibility_questions"].get(key, key))


def _read(reader: Any, *args: Any) -> dict[str, Any]:
    try:
        return reader(*args)
    except (ContentError, OSError):
        return {}  # a broken content file must not stop the report: keys show instead of labels


def display_names(content_dir: Path) -> DisplayNames:
    """The names in this content folder (read on each call: staff publish content while the console runs)."""
    topics = {
        **_read(read_topics, content_dir / TOPICS_FILE, OTHER_TOPICS),
        **_read(read_topics, content_dir / TOPICS_FILE),
    }
    programs = {key: program.short for key, program in _read(read_programs, content_dir / PROGRAMS_FILE).items()}
    return DisplayNames(topics, programs)


def published_names(files: Mapping[str, str]) -> DisplayNames:
    """The names in a content tree held in memory (the console's published revision)."""
    with materialised({name: files[name] for name in (TOPICS_FILE, PROGRAMS_FILE) if name in files}) as directory:
        return display_names(directory)
