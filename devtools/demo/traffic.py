"""Synthetic question-log traffic for `make demo-data`: residents, their visits over the month, signals.

The rows look like what the bot and the action server write (`turn_log`, `confusion_signal`), so
the analysts' report can be shown and tested without real residents' messages. Everything is
drawn from one seeded random generator, so a seed and an end time give the same data every time.

The rhythm is Jakarta's: busy mornings and evenings, quiet nights and Sundays, a spike in the days
after the usual payment date. A few short outages leave "sibuk" turns. Signals follow the rules
the bot and the action server apply (see `actions/question_log.py`, `bot/question_log.py`), so
every fallback or low-confidence turn has `kurang_yakin`, every 👎 has `jempol_bawah`, and so on.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from dataclasses import dataclass
from typing import Any

from devtools.demo import phrases as ph
from devtools.demo.nlu import load_catalogue
from devtools.demo.sessions import Step, visit_steps
from devtools.demo.themes import (
    DTKS_DTSEN,
    KJP_NOT_ARRIVED,
    NORMAL,
    OUT_OF_SCOPE,
    PERSONAS,
    RICE_AID,
    STATUS,
    theme_weights,
)
from infobansos import protocol
from infobansos.content.store import CorrectionWords
from infobansos.jakarta_time import JAKARTA, day_start_utc
from infobansos.privacy.redaction import pseudonym
from infobansos.question_log.rules import (
    EarlierTurn,
    Signal,
    Understanding,
    conversation_signals,
    status_signals,
    understanding_signals,
    within_rephrase_window,
)
from infobansos.question_log.signals import Reason
from infobansos.question_log.turns import FEEDBACK_DOWN, Outcome
from infobansos.settings import PROJECT_ROOT

DEMO_PREFIX = "demo-"  # every demo turn id starts with it, so demo rows can be told apart and replaced
DEMO_KEY = b"info-bansos-jakarta-demo-data-not-a-secret"  # pseudonyms of made-up residents
PAYDAY_DAYS_BEFORE_END = 12  # the usual payment date falls inside the window, with days after it
PAYDAY_BOOST, PAYDAY_DECAY_DAYS = 1.0, 2.5
WEEKDAY_FACTOR = (1.1, 1.0, 1.0, 1.0, 0.9, 0.75, 0.5)  # Monday … Sunday
GROWTH_PER_DAY = 0.01  # more residents find the bot as the month goes on
# Visits per hour of the day in WIB: after dawn prayer and before work, then the evening.
HOUR_WEIGHTS = (0.3, 0.15, 0.1, 0.1, 0.3, 0.8, 1.6, 2.6, 3.0, 2.8, 2.4, 2.0)
HOUR_WEIGHTS += (1.9, 1.7, 1.5, 1.4, 1.5, 1.8, 2.2, 2.9, 3.2, 2.8, 1.9, 0.9)
REVISIT_RATE = 0.55  # chance of one more visit: about 2.2 visits a resident
MAX_VISITS = 12
LAST_VISIT_START = dt.timedelta(minutes=45)  # a visit must fit before the end
GROUPS, GROUP_MEMBERS, GROUP_VISITS = 12, 0.25, 0.3  # RT/RW groups that added the bot
GROUP_THEMES = (NORMAL, KJP_NOT_ARRIVED, DTKS_DTSEN, RICE_AID, OUT_OF_SCOPE, STATUS)
OUTAGES, OUTAGE_MINUTES = 3, (8, 25)
RETRY_AFTER_BUSY = 0.5  # a resident who got "sibuk" sends the same message again
LATENCY_MEDIAN_MS, SLOW_SHARE, TIMEOUT_MS = 65, 0.015, 8000
RATING_DELAY_SECONDS = (4, 40)
# The bot's correction rule, with the phrases these demo residents use.
DEMO_CORRECTIONS = CorrectionWords(ph.CORRECTION_ANYWHERE, ph.CORRECTION_WHOLE)
STATUS_ANSWER_PREFIX = "status:"  # the answer id the status check logs: "status:<content key>"
# Hex ids are mostly digits now and then; none may look like part of a NIK or phone number.
LONG_DIGIT_RUN = re.compile(r"\d{6,}")
CONTENT_DIR = PROJECT_ROOT / "content"


@dataclass(frozen=True)
class DemoData:
    """The rows to insert, each turn's theme (not stored: for the summary and the tests), the window."""

    turns: list[dict[str, Any]]
    themes: list[str]
    signals: list[dict[str, Any]]
    start: dt.datetime
    end: dt.datetime
    payday: dt.date


def window_start(end: dt.datetime, days: int) -> dt.datetime:
    """Midnight WIB `days - 1` days before the end's day: the report's "last 30 days" (`--since 30d`).

    Shortly after midnight the end's own day is too short to hold a visit, so a day is added.
    """
    first = end.astimezone(JAKARTA).date() - dt.timedelta(days=days - 1)
    start = day_start_utc(first)
    return start - dt.timedelta(days=1) if end - start < 2 * LAST_VISIT_START else start


class Calendar:
    """When visits happen: weighted days and hours inside the window, and the outage minutes."""

    def __init__(self, rng: random.Random, start: dt.datetime, end: dt.datetime) -> None:
        self.rng, self.start, self.end = rng, start, end
        first, last = start.astimezone(JAKARTA).date(), end.astimezone(JAKARTA).date()
        self.dates = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        days = (end - start) / dt.timedelta(days=1)
        self.payday = (end - dt.timedelta(days=min(PAYDAY_DAYS_BEFORE_END, days / 2))).astimezone(JAKARTA).date()
        self.day_weights = [self._day_weight(i, day) for i, day in enumerate(self.dates)]
        self.outages = [self._outage() for _ in range(OUTAGES)]

    def _day_weight(self, index: int, day: dt.date) -> float:
        after = (day - self.payday).days
        boost = PAYDAY_BOOST * math.exp(-after / PAYDAY_DECAY_DAYS) if after >= 0 else 0.0
        return WEEKDAY_FACTOR[day.weekday()] * (1 + GROWTH_PER_DAY * index) * (1 + boost)

    def moment(self) -> dt.datetime:
        """A visit's start: a weighted day and hour, anywhere inside the window."""
        while True:
            day = self.rng.choices(self.dates, self.day_weights)[0]
            hour = self.rng.choices(range(24), HOUR_WEIGHTS)[0]
            local = dt.datetime.combine(day, dt.time(hour), tzinfo=JAKARTA) + dt.timedelta(
                seconds=self.rng.uniform(0, 3600)
            )
            moment = local.astimezone(dt.UTC)
            if self.start <= moment <= self.end - LAST_VISIT_START:
                return moment

    def _outage(self) -> tuple[dt.datetime, dt.datetime]:
        begin = self.moment()
        return begin, begin + dt.timedelta(minutes=self.rng.uniform(*OUTAGE_MINUTES))

    def busy(self, moment: dt.datetime) -> bool:
        return any(begin <= moment < until for begin, until in self.outages)

    def progress(self, moment: dt.datetime) -> float:
        return (moment - self.start) / (self.end - self.start)


class Traffic:
    """Builds the turn rows of every visit, then derives the signals from them."""

    def __init__(self, seed: int, days: int, residents: int, end: dt.datetime) -> None:
        self.rng = random.Random(seed)
        self.end = end.astimezone(dt.UTC)
        self.calendar = Calendar(self.rng, window_start(self.end, days), self.end)
        self.catalogue = load_catalogue(CONTENT_DIR)
        self.residents = residents
        self.turns: list[dict[str, Any]] = []
        self.themes: list[str] = []
        self.turn_ids: set[str] = set()

    def new_turn_id(self) -> str:
        while True:
            candidate = f"{DEMO_PREFIX}{self.rng.getrandbits(64):016x}"
            if candidate not in self.turn_ids and not LONG_DIGIT_RUN.search(candidate):
                self.turn_ids.add(candidate)
                return candidate

    def latency(self, busy: bool, step: Step) -> int:
        if busy:  # Rasa timed out, or refused the connection at once
            return round(TIMEOUT_MS + self.rng.uniform(5, 60) if self.rng.random() < 0.5 else self.rng.uniform(15, 120))
        if self.rng.random() < SLOW_SHARE:
            return round(self.rng.uniform(400, 2500))
        extra = 25 if step.answer_id.startswith("status:") else 0
        return round(self.rng.lognormvariate(math.log(LATENCY_MEDIAN_MS), 0.3)) + extra

    def turn(self, step: Step, at: dt.datetime, sender: str, chat_type: str) -> dict[str, Any]:
        busy = self.calendar.busy(at)
        nlu = step.nlu
        row: dict[str, Any] = {
            "turn_id": self.new_turn_id(),
            "created_at": at,
            "sender": sender,
            "chat_type": chat_type,
            "text": step.text,
            "outcome": Outcome.BUSY if busy else Outcome.ANSWERED,
            "latency_ms": self.latency(busy, step),
            "feedback": None if busy else step.rating,
            # The action server never saw a turn that came during an outage.
            "intent": None if busy else nlu.intent,
            "confidence": None if busy else nlu.confidence,
            "ranking": None if busy else nlu.ranking_json(),
            "program": None if busy else step.program,
            "answer_id": None if busy else step.answer_id,
            "is_fallback": not busy and nlu.is_fallback,
            "is_out_of_scope": not busy and nlu.intent == protocol.OUT_OF_SCOPE,
        }
        self.turns.append(row)
        self.themes.append(step.theme)
        return row

    def visit(self, steps: list[Step], start: dt.datetime, sender: str, chat_type: str) -> None:
        at = start
        for step in steps:
            at += dt.timedelta(seconds=step.gap_seconds)
            if at > self.end:
                return
            row = self.turn(step, at, sender, chat_type)
            retry = row["outcome"] == Outcome.BUSY and not step.text.startswith(protocol.PAYLOAD_PREFIX)
            if retry and self.rng.random() < RETRY_AFTER_BUSY:
                at += dt.timedelta(seconds=self.rng.uniform(20, 90))
                if at <= self.end:
                    self.turn(step, at, sender, chat_type)

    def resident(self, index: int) -> None:
        rng = self.rng
        persona = rng.choices(PERSONAS, [p.weight for p in PERSONAS])[0]
        own = pseudonym(DEMO_KEY, f"demo-resident-{index}")
        group = pseudonym(DEMO_KEY, f"demo-group-{rng.randrange(GROUPS)}") if rng.random() < GROUP_MEMBERS else None
        visits = 1
        while rng.random() < REVISIT_RATE and visits < MAX_VISITS:
            visits += 1
        for _ in range(visits):
            start = self.calendar.moment()
            local = start.astimezone(JAKARTA)
            weights = theme_weights(persona, (local.date() - self.calendar.payday).days, self.calendar.progress(start))
            theme = rng.choices(list(weights), list(weights.values()))[0]
            # In a group chat the sender is the group (the bot hashes the chat id).
            in_group = group is not None and theme in GROUP_THEMES and rng.random() < GROUP_VISITS
            steps = list(visit_steps(rng, self.catalogue, persona, theme, local.month, in_group))
            if in_group and group is not None:
                self.visit(steps, start, group, "group")
            else:
                self.visit(steps, start, own, "private")

    def signals(self) -> list[dict[str, Any]]:
        """The signals the bot and the action server would have stored for these turns."""
        found: list[dict[str, Any]] = []
        last_by_sender: dict[str, dict[str, Any]] = {}

        def signal(turn: dict[str, Any], reason: Reason, detail: str | None, at: dt.datetime | None = None) -> None:
            found.append(
                {
                    "turn_id": turn["turn_id"],
                    "created_at": at or turn["created_at"],
                    "sender": turn["sender"],
                    "reason": reason.value,
                    "detail": detail,
                }
            )

        for turn in self.turns:
            earlier = last_by_sender.get(turn["sender"])
            last_by_sender[turn["sender"]] = turn
            previous = within_rephrase_window(earlier_turn(earlier), turn["created_at"]) if earlier else None
            raised: list[Signal] = []
            if turn["outcome"] == Outcome.ANSWERED:
                understood = Understanding(
                    turn["intent"], turn["confidence"], turn["is_fallback"], turn["is_out_of_scope"]
                )
                raised += understanding_signals(understood)
                if turn["answer_id"].startswith(STATUS_ANSWER_PREFIX):
                    raised += status_signals([turn["answer_id"].removeprefix(STATUS_ANSWER_PREFIX)])
            raised += conversation_signals(previous, turn["text"], turn["intent"], DEMO_CORRECTIONS)
            for reason, detail in raised:
                signal(turn, reason, detail)
            if turn["feedback"] == FEEDBACK_DOWN:
                pressed_at = turn["created_at"] + dt.timedelta(seconds=self.rng.uniform(*RATING_DELAY_SECONDS))
                signal(turn, Reason.THUMBS_DOWN, None, min(pressed_at, self.end))
        return found


def earlier_turn(row: dict[str, Any]) -> EarlierTurn:
    return EarlierTurn(row["turn_id"], row["text"], row["intent"], row["created_at"])


def generate(seed: int, days: int, residents: int, end: dt.datetime, first_resident: int = 0) -> DemoData:
    """`residents` made-up residents writing to the bot over the `days` days before `end`.

    `first_resident` numbers them from there, so several calls (the report benchmark's million
    turns, made in chunks) make different residents rather than the same ones again."""
    traffic = Traffic(seed, days, residents, end)
    for index in range(first_resident, first_resident + residents):
        traffic.resident(index)
    order = sorted(
        range(len(traffic.turns)), key=lambda i: (traffic.turns[i]["created_at"], traffic.turns[i]["turn_id"])
    )
    traffic.turns = [traffic.turns[i] for i in order]
    themes = [traffic.themes[i] for i in order]
    calendar = traffic.calendar
    return DemoData(traffic.turns, themes, traffic.signals(), calendar.start, calendar.end, calendar.payday)
