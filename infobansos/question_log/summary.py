"""The action server's note to the bot: what NLU understood of a turn, sent inside Rasa's reply.

Rasa's REST channel passes an action's `json_message` to the bot as a `custom` item. One such
note goes with every answer an action gives: the bot needs NLU's reading of the message (for
the rephrase rule and for the topics it offers after a 👎), and reading it back from the
database would make the bot depend on the action server having written its row first. The
note's key is `protocol.TURN_SUMMARY`; the fields inside it are defined here only, and both
sides import this module.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from infobansos import protocol


@dataclass(frozen=True)
class RankedIntent:
    intent: str
    confidence: float


@dataclass(frozen=True)
class TurnSummary:
    """The action server's half of a turn as the bot may use it: never shown to the resident."""

    intent: str | None
    confidence: float | None
    ranking: tuple[RankedIntent, ...]  # NLU's top 3
    program: str | None
    answer_id: str | None
    # An answer typed or tapped inside the eligibility self-check: the bot keeps a placeholder
    # instead of the text, as issue 16 promises residents (/privasi) that check answers stay in
    # the conversation.
    private: bool = False

    @property
    def ranked_intents(self) -> tuple[str, ...]:
        return tuple(ranked.intent for ranked in self.ranking)

    def to_json(self) -> dict[str, Any]:
        """The note as the action sends it; JSON types only, as Rasa passes it through as is."""
        return {
            protocol.TURN_SUMMARY: {
                "intent": self.intent,
                "confidence": self.confidence,
                "ranking": [{"intent": r.intent, "confidence": r.confidence} for r in self.ranking],
                "program": self.program,
                "answer_id": self.answer_id,
                "private": self.private,
            }
        }

    @classmethod
    def from_json(cls, note: dict[str, Any]) -> TurnSummary | None:
        """The summary in a custom note; None when there is none or it is malformed.

        Lenient on purpose: a note from an older or newer action server must not cost the
        resident the answer, only the bot its extras (rephrase check, 👎 suggestions).
        """
        raw = note.get(protocol.TURN_SUMMARY)
        if not isinstance(raw, dict):
            return None
        ranking = tuple(
            RankedIntent(item["intent"], _number(item.get("confidence")) or 0.0)
            for item in raw.get("ranking") or []
            if isinstance(item, dict) and isinstance(item.get("intent"), str)
        )
        return cls(
            intent=_text(raw.get("intent")),
            confidence=_number(raw.get("confidence")),
            ranking=ranking,
            program=_text(raw.get("program")),
            answer_id=_text(raw.get("answer_id")),
            private=raw.get("private") is True,
        )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)
