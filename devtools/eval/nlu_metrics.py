"""Scoring NLU predictions against the held-out labels: pure functions, no I/O.

"Declined" means the bot did not answer a bansos topic: NLU said `out_of_scope`, or it was unsure
(`nlu_fallback`, so the bot asks a clarifying question). For an out-of-scope message both are right.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from infobansos import protocol
from infobansos.settings import PROJECT_ROOT

OUT_OF_SCOPE = protocol.OUT_OF_SCOPE
FALLBACK = protocol.FALLBACK
DECLINED = {OUT_OF_SCOPE, FALLBACK}
TARGET = 0.95
# Questions whose right answer depends on the program, as in action_answer (plus bare program switches).
PROGRAM_INTENTS = {*protocol.PROGRAM_QUESTIONS, protocol.PICK_PROGRAM}


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    program: str | None


@dataclass(frozen=True)
class Prediction:
    """What NLU said before the fallback rule: the raw ranking and the program entities found."""

    ranking: tuple[tuple[str, float], ...]
    programs: frozenset[str] = field(default_factory=frozenset)

    def intent(self, threshold: float, ambiguity: float) -> str:
        """The intent after FallbackClassifier's rule (low confidence or a small top-2 margin)."""
        if not self.ranking:
            return FALLBACK
        top = self.ranking[0][1]
        second = self.ranking[1][1] if len(self.ranking) > 1 else 0.0
        if top < threshold or top - second < ambiguity:
            return FALLBACK
        return self.ranking[0][0]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def scored_label(gold: str, predicted: str) -> str:
    """An unsure answer to an out-of-scope message counts as the right label."""
    return OUT_OF_SCOPE if gold == OUT_OF_SCOPE and predicted == FALLBACK else predicted


def first_try_right(example: Example, prediction: Prediction, predicted: str) -> bool:
    """Right intent, and for program questions the right program (or none when none was named)."""
    if predicted != example.intent:
        return False
    if example.intent not in PROGRAM_INTENTS:
        return True
    expected = {example.program} if example.program else set()
    return set(prediction.programs) == expected


def score(examples: list[Example], predictions: list[Prediction], threshold: float, ambiguity: float) -> dict:
    """All figures for one threshold pair."""
    predicted = [
        scored_label(e.intent, p.intent(threshold, ambiguity)) for e, p in zip(examples, predictions, strict=True)
    ]
    intents = sorted({e.intent for e in examples})
    true_pos, pred_count, gold_count = Counter(), Counter(predicted), Counter(e.intent for e in examples)
    for example, label in zip(examples, predicted, strict=True):
        if label == example.intent:
            true_pos[label] += 1
    per_intent = {
        intent: {
            "precision": _ratio(true_pos[intent], pred_count[intent]),
            "recall": _ratio(true_pos[intent], gold_count[intent]),
            "support": gold_count[intent],
        }
        for intent in intents
    }
    for row in per_intent.values():
        row["f1"] = _f1(row["precision"], row["recall"])
    entity_tp = entity_pred = entity_gold = 0
    for example, prediction in zip(examples, predictions, strict=True):
        gold = {example.program} if example.program else set()
        entity_tp += len(gold & prediction.programs)
        entity_pred += len(prediction.programs)
        entity_gold += len(gold)
    declined = [label in DECLINED for label in predicted]
    oos = [e.intent == OUT_OF_SCOPE for e in examples]
    in_scope = [(e, p, label) for e, p, label, o in zip(examples, predictions, predicted, oos, strict=True) if not o]
    entity_precision, entity_recall = _ratio(entity_tp, entity_pred), _ratio(entity_tp, entity_gold)
    return {
        "threshold": threshold,
        "ambiguity_threshold": ambiguity,
        "messages": len(examples),
        "intent_accuracy": _ratio(sum(true_pos.values()), len(examples)),
        "macro_f1": sum(r["f1"] for r in per_intent.values()) / len(per_intent),
        "entity_precision": entity_precision,
        "entity_recall": entity_recall,
        "entity_f1": _f1(entity_precision, entity_recall),
        "oos_precision": _ratio(sum(d and o for d, o in zip(declined, oos, strict=True)), sum(declined)),
        "oos_recall": _ratio(sum(d and o for d, o in zip(declined, oos, strict=True)), sum(oos)),
        "first_try_right": _ratio(sum(first_try_right(e, p, label) for e, p, label in in_scope), len(in_scope)),
        "in_scope_unsure": _ratio(sum(label == FALLBACK for _, _, label in in_scope), len(in_scope)),
        "per_intent": per_intent,
        "predicted": predicted,
    }


def sweep(
    examples: list[Example], predictions: list[Prediction], thresholds: list[float], ambiguities: list[float]
) -> list[dict]:
    """Scores for every threshold pair, best first.

    Best = meets both targets (≥ 95% right first try, ≥ 95% out-of-scope recall) if any pair does,
    then the largest sum of the two: a wrong answer and a guessed reply to an unrelated question
    cost a resident about the same.
    """
    rows = [score(examples, predictions, t, a) for t in thresholds for a in ambiguities]

    def key(row: dict) -> tuple[bool, float, float]:
        both = row["first_try_right"] >= TARGET and row["oos_recall"] >= TARGET
        return both, row["first_try_right"] + row["oos_recall"], row["first_try_right"]

    return sorted(rows, key=key, reverse=True)


def configured_thresholds(config_path: Path = PROJECT_ROOT / "config.yml") -> tuple[float, float]:
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    return float(fallback["threshold"]), float(fallback["ambiguity_threshold"])
