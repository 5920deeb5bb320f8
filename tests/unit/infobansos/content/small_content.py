"""A small content/ folder and domain of a test's own, so a check is tested on fixture answers.

The shipped answers change every content round; a test of the checks must not pass or fail with them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from infobansos.settings import PROJECT_ROOT

DOMAIN = """version: "3.1"
intents:
  - tanya_dtks
entities:
  - program
  - bagian
slots:
  program:
    type: categorical
    values: []
    mappings:
      - type: from_entity
        entity: program
"""


def fact(answer_id: str = "dtks_apa_itu", text: str = "DTSEN adalah data bansos.", **fields: str) -> str:
    """One fact entry for tanya_dtks in answers/*.yml form; `fields` adds or replaces lines (checked, more…)."""
    lines = {"checked": "2026-11-28", "sources": "[https://dinsos.jakarta.go.id]", **fields}
    body = "".join(f"    {key}: {value}\n" for key, value in lines.items())
    text_block = "".join(f"      {line}\n" for line in text.splitlines())
    return f"answers:\n  - id: {answer_id}\n    intent: tanya_dtks\n{body}    text: |\n{text_block}"


def small_content(tmp_path: Path, answers: str) -> tuple[Path, Path]:
    """(content dir, domain file): the real messages, programs, status words and eligibility rules, one answer file."""
    content = tmp_path / "content"
    (content / "answers").mkdir(parents=True)
    for name in ("messages.yml", "programs.yml", "signals.yml", "status.yml", "eligibility.yml"):
        shutil.copy(PROJECT_ROOT / "content" / name, content / name)
    (content / "topics.yml").write_text(
        'topics:\n  tanya_dtks: "Apa itu DTSEN?"\nother_topics:\n  nlu_fallback: "Tidak dipahami bot"\n',
        encoding="utf-8",
    )
    (content / "answers" / "dtks.yml").write_text(answers, encoding="utf-8")
    domain = tmp_path / "domain.yml"
    domain.write_text(DOMAIN, encoding="utf-8")
    return content, domain
