"""One resident's visit to the bot in `make demo-data`: the messages and what the bot made of them.

A visit keeps the program and question slots between messages, as Rasa does, and answers the
way `action_answer` would, so the made-up log reads like the real one. The themes
(`sessions`, `status_checks`) decide what the resident writes.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from devtools.demo import phrases as ph
from devtools.demo import themes as th
from devtools.demo.nlu import PROGRAM_QUESTIONS, Catalogue, Nlu, answer_id, parse_payload, payload_for, pressed, sure
from devtools.demo.nlu import unsure as unsure_parse
from devtools.demo.themes import Persona
from infobansos import protocol


@dataclass(frozen=True)
class Step:
    """One resident message and what the bot made of it."""

    text: str
    theme: str
    nlu: Nlu
    program: str | None  # the program slot after this message
    answer_id: str
    gap_seconds: float  # after the previous message of the visit
    rating: int | None  # 👍 (1) or 👎 (-1) if the resident rates the answer


@dataclass
class Visit:
    """One conversation; the program and question slots carry over between its messages, as in Rasa."""

    rng: random.Random
    catalogue: Catalogue
    persona: Persona
    month: int
    in_group: bool
    steps: list[Step] = field(default_factory=list)
    program: str | None = None
    question: str | None = None
    base: str = ""  # the last question before the typing noise, to rephrase it

    def gap(self, kind: str) -> float:
        """Seconds before this message: reading the answer, retyping a missed question, or a tap."""
        if not self.steps:
            return 0.0
        low, median, high = {"read": (8, 45, 400), "quick": (12, 40, 110), "button": (4, 12, 45)}[kind]
        return min(max(self.rng.lognormvariate(math.log(median), 0.6), low), high)

    def add(
        self,
        text: str,
        theme: str,
        nlu: Nlu,
        *,
        mentioned: str | None = None,
        gap: str = "read",
        odds: tuple[float, float] = th.ODDS_SURE,
        answer: str | None = None,
    ) -> Step:
        """Record a message; the answer follows `action_answer` unless a status step names its own."""
        self.program = mentioned or self.program
        intent = nlu.intent
        if answer is None:
            if intent == protocol.PICK_PROGRAM:
                intent = self.question or protocol.ASK_PROGRAM
            if intent in PROGRAM_QUESTIONS:
                self.question = intent
            answer = answer_id(intent, self.program if intent in PROGRAM_QUESTIONS else None)
        rating = None
        if not self.in_group and self.catalogue.is_fact(answer) and self.rng.random() < odds[0]:
            rating = -1 if self.rng.random() < odds[1] else 1
        step = Step(text, theme, nlu, self.program, answer, self.gap(gap), rating)
        self.steps.append(step)
        return step

    def typed(self, template: str, program: str | None = None) -> str:
        """A filled, roughened template; the clean text is kept so a rephrase can start from it."""
        self.base = ph.fill(self.rng, template, program, self.month)
        return ph.noisy(self.rng, self.base)

    def press(self, payload: str, theme: str, odds: tuple[float, float] = th.ODDS_SURE) -> Step:
        intent, program = parse_payload(payload)
        return self.add(payload, theme, pressed(intent), mentioned=program, gap="button", odds=odds)

    # --- small talk ---------------------------------------------------------------------------

    def greet(self) -> None:
        if self.rng.random() < 0.4:  # /start
            self.press("/greet", th.SMALL_TALK)
        else:
            self.add(
                ph.noisy(self.rng, self.rng.choice(ph.GREETINGS), decorate=False),
                th.SMALL_TALK,
                sure(self.rng, protocol.GREET),
            )

    def close(self, thanks: float, goodbye: float = 0.08) -> None:
        roll = self.rng.random()
        if roll < thanks:
            self.add(self.rng.choice(ph.THANKS), th.SMALL_TALK, sure(self.rng, protocol.THANKS, 0.85))
        elif roll < thanks + goodbye:
            self.add(self.rng.choice(ph.GOODBYES), th.SMALL_TALK, sure(self.rng, protocol.GOODBYE, 0.7))

    # --- asking a question -------------------------------------------------------------------

    def pick_program(self) -> str:
        names = list(self.persona.programs)
        return self.rng.choices(names, [self.persona.programs[n] for n in names])[0]

    def understood(self, intent: str) -> tuple[Nlu, tuple[float, float]]:
        """Mostly a clear answer; sometimes hesitant, sometimes the clarifying question."""
        roll, other = self.rng.random(), self.rng.choice([q for q in PROGRAM_QUESTIONS if q != intent])
        if roll < 0.76:
            return sure(self.rng, intent), th.ODDS_SURE
        if roll < 0.88:
            return sure(self.rng, intent, 0.5, 0.75), th.ODDS_MEDIUM
        return unsure_parse(self.rng, ((intent, 0.85), (other, 0.15)), 0.0 if roll < 0.94 else 1.0), th.ODDS_LOW

    def ask(self, intent: str, text: str, theme: str, mentioned: str | None, gap: str = "read") -> None:
        nlu, odds = self.understood(intent)
        self.add(text, theme, nlu, mentioned=mentioned, gap=gap, odds=odds)
        if nlu.is_fallback and self.rng.random() < 0.8:  # the resident picks the topic they meant
            meant = (self.question or protocol.ASK_PROGRAM) if intent == protocol.PICK_PROGRAM else intent
            self.press(payload_for(meant, self.program), theme)
