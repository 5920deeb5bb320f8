"""Resident-like messages for `make bench`: the held-out and blind evaluation texts.

Short made-up phrases flatter the stack: the featurizers' cost grows with the length of a message,
and residents write back-stories ("ibu saya umurnya udah 72, kemarin katanya…") as often as one-word
questions. The evaluation sets are the most realistic text the project has (written in other voices,
by writers who never saw the training data), so the benchmark draws from them:

- single messages from `eval/heldout*.yml` and every blind round's `singles_*.yml`;
- multi-turn conversations (follow-ups such as "trus cairnya kapan?") from the blind rounds'
  `conversations_*.yml`, replayed turn by turn in one chat.

A message holding a placeholder (`<NIK>`, `<KK>`) is left out, and a conversation is cut before its
first such turn: the status check keeps per-resident limits and lookups in the database, which is
another workload (`make bench-import`). Replaying evaluation texts is not training on them: the
benchmark measures speed, never accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from infobansos.settings import PROJECT_ROOT

EVAL_DIR = PROJECT_ROOT / "eval"
PLACEHOLDER = re.compile(r"<[A-Z_]+>")


@dataclass(frozen=True)
class Corpus:
    """What the simulated residents say: single messages and conversations (each two turns or more)."""

    singles: tuple[str, ...]
    conversations: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        if not self.singles:
            raise ValueError("the benchmark corpus has no single messages")


def _usable(text: object) -> str | None:
    if not isinstance(text, str) or PLACEHOLDER.search(text) or not text.strip():
        return None
    return text.strip()


def _singles(files: Iterable[Path]) -> list[str]:
    texts = []
    for path in files:
        for message in yaml.safe_load(path.read_text(encoding="utf-8")).get("messages") or []:
            if (text := _usable(message.get("text"))) is not None:
                texts.append(text)
    return texts


def _conversations(files: Iterable[Path]) -> list[tuple[str, ...]]:
    conversations = []
    for path in files:
        for conversation in yaml.safe_load(path.read_text(encoding="utf-8")).get("conversations") or []:
            turns: list[str] = []
            for turn in conversation.get("turns") or []:
                text = _usable(turn.get("text"))
                if text is None:
                    break
                turns.append(text)
            if len(turns) >= 2:
                conversations.append(tuple(turns))
    return conversations


def load_corpus(eval_dir: Path = EVAL_DIR) -> Corpus:
    """Every usable evaluation text under `eval_dir`, in a stable order (sorted file names)."""
    singles = sorted(eval_dir.glob("heldout*.yml")) + sorted(eval_dir.glob("blind/*/singles_*.yml"))
    conversations = sorted(eval_dir.glob("blind/*/conversations_*.yml"))
    return Corpus(tuple(_singles(singles)), tuple(_conversations(conversations)))
