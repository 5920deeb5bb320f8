"""Reading `nlu/` and writing Rasa 3.x NLU YAML for `make export-confusions`.

The exported examples must pass `rasa data validate --fail-on-warnings` (part of `make test`)
once staff move them into `nlu/`, so an example that already exists anywhere in `nlu/` is left
out (Rasa warns about duplicates), and program names are annotated the way `nlu/` annotates them
("[kartu lansia]{"entity": "program", "value": "klj"}"), or the entity extractor would learn
that those words are not a program.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from infobansos.privacy.number_shapes import has_long_digit_group
from nlu_components.program_names import resolve_program

NLU_VERSION = "3.1"
PROGRAM_ENTITY = "program"
PROGRAM_LOOKUP = "program"
# Annotated spans in training data: "[text](entity)" or "[text]{...}".
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")
# What the bot's redaction leaves in the log; Rasa never sees these (it sees number references).
_PLACEHOLDER = re.compile(r"\[(NIK|TELEPON|EMAIL)\]")


def plain(example: str) -> str:
    """An example without entity annotations, lowercase and single-spaced, for comparing."""
    return " ".join(_ANNOTATION.sub(r"\1", example).lower().split())


def _nlu_items(nlu_dir: Path) -> Iterable[dict[str, Any]]:
    for path in sorted(nlu_dir.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("nlu") or [] if isinstance(data, dict) else []:
            if isinstance(item, dict):
                yield item


def _example_lines(item: dict[str, Any]) -> list[str]:
    examples = item.get("examples")
    if not isinstance(examples, str):
        return []
    return [line.strip()[2:].strip() for line in examples.splitlines() if line.strip().startswith("- ")]


def existing_examples(nlu_dir: Path) -> set[str]:
    """Every training example already in nlu/ (any intent), as `plain()` text."""
    return {plain(line) for item in _nlu_items(nlu_dir) if "intent" in item for line in _example_lines(item)}


@dataclass(frozen=True)
class ProgramAnnotator:
    """Marks program names in an example, longest name first, as nlu/ does."""

    names: dict[str, str]  # lowercase surface name → program key

    @classmethod
    def from_nlu(cls, nlu_dir: Path, programs: frozenset[str]) -> ProgramAnnotator:
        synonyms: dict[str, str] = {}
        lookup: list[str] = []
        for item in _nlu_items(nlu_dir):
            if "synonym" in item:
                synonyms.update({line.lower(): str(item["synonym"]) for line in _example_lines(item)})
            elif item.get("lookup") == PROGRAM_LOOKUP:
                lookup.extend(line.lower() for line in _example_lines(item))
        names = {}
        for name in [*lookup, *programs]:
            value = synonyms.get(name) or (name if name in programs else resolve_program(name, programs))
            if value in programs:
                names[name] = value
        return cls(names)

    def annotate(self, example: str) -> str:
        if not self.names:
            return example
        alternatives = "|".join(re.escape(name) for name in sorted(self.names, key=lambda n: (-len(n), n)))
        pattern = re.compile(rf"(?<![\w+])({alternatives})(?![\w+])", re.IGNORECASE)

        def mark(match: re.Match[str]) -> str:
            surface = match.group(1)
            value = self.names[surface.lower()]
            if surface == value:  # "KLJ" must still say value "klj": the slot is lowercase
                return f"[{surface}]({PROGRAM_ENTITY})"
            return f"[{surface}]" + json.dumps({"entity": PROGRAM_ENTITY, "value": value})

        return pattern.sub(mark, example)


def clean_example(text: str) -> str | None:
    """One line of a resident's text fit to be an example; None when it must not be one: commands,
    redacted text, and any text with 5+ digits in a row (part of a NIK the redaction missed, or an
    old row logged before it caught every shape)."""
    line = " ".join(text.split())
    if not line or _PLACEHOLDER.search(line) or has_long_digit_group(line) or line.startswith("/"):
        return None
    # Square brackets and braces are annotation syntax in Rasa examples.
    return line.translate(str.maketrans("[]{}", "()()"))


@dataclass(frozen=True)
class IntentBlock:
    intent: str
    comment: str
    examples: Sequence[str]


def nlu_document(header: Sequence[str], blocks: Sequence[IntentBlock]) -> str:
    """A Rasa NLU file: `version`, then `nlu:` with one `- intent:` / `examples: |` block each."""
    lines = [f"# {line}".rstrip() for line in header]
    lines += [f'version: "{NLU_VERSION}"', "nlu:"]
    for block in blocks:
        lines.append(f"  # {block.comment}")
        lines.append(f"  - intent: {block.intent}")
        lines.append("    examples: |")
        lines += [f"      - {example}" for example in block.examples]
    return "\n".join(lines) + "\n"
