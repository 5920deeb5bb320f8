"""What the bot "understood" in demo traffic: intent, confidence, top-3 ranking and the answer given.

Mirrors the real pipeline closely enough for the report to behave as it will on live data:
Rasa's FallbackClassifier (thresholds read from `config.yml`) puts `nlu_fallback` at the
threshold on top of the ranking, button presses arrive with confidence 1.0, and `action_answer` picks
the program-specific answer (or the general one) from `content/answers/`. The answer ids and
buttons are read from the content files themselves, so the demo follows the content staff edit.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from devtools.eval.nlu_metrics import configured_thresholds
from infobansos import protocol

FALLBACK_THRESHOLD, AMBIGUITY_THRESHOLD = configured_thresholds()  # config.yml FallbackClassifier
CHAT_KIND = "percakapan"  # answers that are the bot talking about itself: never rated
PROGRAM_QUESTIONS = protocol.PROGRAM_QUESTIONS
# Intents with one answer whatever the program.
SINGLE_ANSWERS = {
    protocol.ASK_REGISTRY: "dtks_apa_itu",
    protocol.ASK_OBJECTION: "dtsen_sanggah",
    protocol.ASK_MOVING: "dtsen_pindah",
    protocol.ASK_CONTACT: "kontak_petugas",
    protocol.ASK_FEES_AND_BROKERS: "biaya_calo",
    protocol.ASK_PRIVACY: "privasi_bot",
    protocol.GREET: "sapaan",
    protocol.THANKS: protocol.THANKS,
    protocol.GOODBYE: protocol.GOODBYE,
    protocol.CANCEL: protocol.CANCEL,
    protocol.OUT_OF_SCOPE: "luar_topik",
    protocol.FALLBACK: "tidak_paham",
}
# Intents NLU tends to offer as runners-up when it is sure of something else.
RUNNERS_UP = (
    *PROGRAM_QUESTIONS,
    protocol.ASK_REGISTRY,
    protocol.ASK_CONTACT,
    protocol.OUT_OF_SCOPE,
    protocol.PICK_PROGRAM,
)
ELIGIBILITY_BUTTON = protocol.payload(protocol.CHECK_ELIGIBILITY)
_PAYLOAD = re.compile(r'/(?P<intent>\w+)(?:\{"program": "(?P<program>\w+)"\})?')


@dataclass(frozen=True)
class Catalogue:
    """The answer ids in `content/answers/`, whether each is rated (a fact) and its buttons."""

    kinds: dict[str, str]
    buttons: dict[str, tuple[str, ...]]

    def is_fact(self, answer_id: str) -> bool:
        return self.kinds.get(answer_id, CHAT_KIND) != CHAT_KIND

    def buttons_of(self, answer_id: str) -> tuple[str, ...]:
        return self.buttons.get(answer_id, ())


def load_catalogue(content_dir: Path) -> Catalogue:
    """Read the answer files as plain YAML (the generator needs ids, kinds and payloads only)."""
    kinds: dict[str, str] = {}
    buttons: dict[str, tuple[str, ...]] = {}
    for path in sorted((content_dir / "answers").glob("*.yml")):
        for entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("answers") or []:
            kinds[entry["id"]] = entry.get("kind", "fakta")
            # The eligibility check has demo rows of its own (eligibility_check), not demo turns.
            payloads = (b["payload"] for b in entry.get("buttons") or [])
            buttons[entry["id"]] = tuple(p for p in payloads if p != ELIGIBILITY_BUTTON)
    return Catalogue(kinds, buttons)


def parse_payload(payload: str) -> tuple[str, str | None]:
    """(intent, program) of a button payload such as `/tanya_syarat{"program": "klj"}`."""
    match = _PAYLOAD.fullmatch(payload)
    if match is None:
        raise ValueError(f"not a button payload: {payload!r}")
    return match["intent"], match["program"]


def payload_for(intent: str, program: str | None) -> str:
    """The payload the bot puts on a topic button (infobansos.content.store.ContentStore.topic_buttons)."""
    if program and intent in PROGRAM_QUESTIONS:
        return f'/{intent}{{"program": "{program}"}}'
    return f"/{intent}"


def answer_id(intent: str, program: str | None) -> str:
    """The content entry `action_answer` would render for this question and program slot."""
    if intent in PROGRAM_QUESTIONS:
        return f"{program or 'umum'}_{intent.removeprefix('tanya_')}"
    return SINGLE_ANSWERS[intent]


@dataclass(frozen=True)
class Nlu:
    """One parse: the chosen intent, its confidence and the top of the ranking."""

    intent: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]

    @property
    def is_fallback(self) -> bool:
        return self.intent == protocol.FALLBACK

    def ranking_json(self) -> list[dict[str, Any]]:
        return [{"intent": name, "confidence": value} for name, value in self.ranking[:3]]


def _runners_up(rng: random.Random, exclude: Sequence[str], count: int = 2) -> list[str]:
    pool = [name for name in RUNNERS_UP if name not in exclude]
    return rng.sample(pool, count)


def sure(rng: random.Random, intent: str, low: float = 0.8, high: float = 0.995) -> Nlu:
    """A clear question: the intent well ahead, the rest of the probability spread thin."""
    top = round(rng.uniform(low, high), 4)
    second = round((1 - top) * rng.uniform(0.4, 0.75), 4)
    third = round((1 - top - second) * rng.uniform(0.3, 0.7), 4)
    names = _runners_up(rng, [intent])
    return Nlu(intent, top, ((intent, top), (names[0], second), (names[1], third)))


def pressed(intent: str) -> Nlu:
    """A button or command: Rasa takes the payload's intent as certain."""
    return Nlu(intent, 1.0, ((intent, 1.0),))


def unsure(rng: random.Random, candidates: Sequence[tuple[str, float]], fallback_rate: float) -> Nlu:
    """A question between topics: answered as the likeliest one, or the FallbackClassifier steps in.

    `candidates` are (intent, weight); the two that come out on top are close to each other.
    """
    names = [name for name, _ in candidates]
    first = rng.choices(names, [weight for _, weight in candidates])[0]
    rest = [(name, weight) for name, weight in candidates if name != first]
    second = rng.choices([n for n, _ in rest], [w for _, w in rest])[0] if rest else _runners_up(rng, [first], 1)[0]
    third = next((n for n in names if n not in (first, second)), None) or _runners_up(rng, [first, second], 1)[0]
    if rng.random() < fallback_rate:
        top = round(rng.uniform(0.22, 0.45), 4)
        runner = round(top - rng.uniform(0.0, AMBIGUITY_THRESHOLD if top >= FALLBACK_THRESHOLD else 0.15), 4)
        ranking = ((protocol.FALLBACK, FALLBACK_THRESHOLD), (first, top), (second, max(runner, 0.01)))
        return Nlu(protocol.FALLBACK, FALLBACK_THRESHOLD, ranking)
    top = round(rng.uniform(0.34, 0.62), 4)
    runner = round(max(min(top - rng.uniform(AMBIGUITY_THRESHOLD + 0.005, 0.25), 0.99 - top), 0.02), 4)
    rest_value = round(min(rng.uniform(0.02, 0.12), 1 - top - runner), 4)
    return Nlu(first, top, ((first, top), (second, runner), (third, rest_value)))
