"""Draft answer entries for clusters that need a new FAQ, in the shape of `content/answers/*.yml`.

A draft must never reach residents by accident: it has no `checked` date and no `sources`, so
`make check-content` (and so `make test`) refuses it until staff have written and sourced the
answer. The residents' example questions are kept as comments next to it. The comments' words
are in `templates/labels.yml` (section `export`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from infobansos.privacy.number_shapes import has_long_digit_group
from staff.report.clusters import Cluster, distinct_phrasings

DRAFT_ID = "draf_klaster_{id}"
DRAFT_INTENT = "faq_baru_klaster_{id}"
COMMENTED_EXAMPLES = 10


def answer_files(content_dir: Path) -> dict[str, str]:
    """Answer id → its file (relative to the project), to say where a 👎'd answer lives."""
    found: dict[str, str] = {}
    for path in sorted((content_dir / "answers").glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        for entry in data.get("answers") or [] if isinstance(data, dict) else []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                found[entry["id"]] = f"{content_dir.name}/answers/{path.name}"
    return found


def _examples(cluster: Cluster, prefix: str) -> list[str]:
    # A text with 5+ digits in a row may hold part of a NIK: never quoted in an export.
    quotable = [text for text, _ in cluster.texts if not has_long_digit_group(text)]
    texts = distinct_phrasings(quotable, COMMENTED_EXAMPLES, fill=True)
    return [f"{prefix}- {' '.join(text.split())}" for text in texts]


def _draft(cluster: Cluster, words: dict[str, Any]) -> list[str]:
    """One draft entry: comments for staff, then the entry itself written by `yaml.safe_dump`.

    Values that came from the question log (the program) are data: written by hand, a program
    such as "klj\\n    checked: …" could have filled in the fields that keep a draft from residents."""
    about = words["cluster"].format(id=cluster.id, size=cluster.size, distinct=cluster.distinct_texts)
    if cluster.likeliest_intent:
        about += " " + words["guess"].format(intent=cluster.likeliest_intent, share=f"{cluster.intent_share:.0%}")
    entry: dict[str, Any] = {"id": DRAFT_ID.format(id=cluster.id), "intent": DRAFT_INTENT.format(id=cluster.id)}
    notes = [f"intent: {words['intent_note']}"]
    if cluster.program:
        entry["program"] = cluster.program
        notes.append(f"program: {words['program_note']}")
    entry.update(checked=None, sources=[], text=words["draft_text"])
    notes += [f"checked: {words['checked_note']}", f"sources: {words['sources_note']}"]
    dumped = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    return [
        _comment(about, "  # "),
        _comment(words["examples"], "  # "),
        *_examples(cluster, "  #   "),
        *(_comment(note, "  # ") for note in notes),
        *(f"  {line}" for line in dumped.splitlines()),
        "",
    ]


def _comment(text: str, prefix: str) -> str:
    """One comment line: a line break inside `text` must not end the comment."""
    return prefix + " ".join(text.split())


def _to_fix(cluster: Cluster, files: dict[str, str], words: dict[str, Any]) -> list[str]:
    answers = ", ".join(f"{name} ({files[name]})" if name in files else json.dumps(name) for name in cluster.answer_ids)
    return [
        "#   " + words["fix_line"].format(id=cluster.id, size=cluster.size, answers=answers),
        *_examples(cluster, "#     "),
    ]


def stubs_document(
    header: Sequence[str], faqs: Sequence[Cluster], fixes: Sequence[Cluster], content_dir: Path, words: dict[str, Any]
) -> str:
    """content_stubs.yml: draft answers for new FAQs, then (as comments) the answers to fix."""
    lines = [f"# {line}".rstrip() for line in header]
    lines.append("answers:" if faqs else "answers: []")
    for cluster in faqs:
        lines += _draft(cluster, words)
    if fixes:
        files = answer_files(content_dir)
        lines += ["", *(f"# {line}" for line in words["fix_title"])]
        for cluster in fixes:
            lines += _to_fix(cluster, files, words)
    return "\n".join(lines).rstrip() + "\n"
