"""Conversation scripts for `make demo-data`: what one resident does in one visit to the bot.

Each visit follows a theme. Most are ordinary questions the bot answers well; the others are
the confusions the analysts' report must surface as clusters (KJP Plus money not arrived, DTKS
vs DTSEN, KLJ cash at the ATM, a rice handout the bot knows nothing about), plus chatter off
topic, personal numbers typed into the chat and status checks that fail. Reactions follow the
real bot: a clarifying question gets a button press, a 👎 gets "Tanya petugas" or another topic,
a missed answer gets a rephrase or "bukan itu".
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from devtools.demo import phrases as ph
from devtools.demo import themes as th
from devtools.demo.nlu import PROGRAM_QUESTIONS, Catalogue, Nlu, answer_id, parse_payload, payload_for, pressed, sure
from devtools.demo.nlu import unsure as unsure_parse
from devtools.demo.themes import Persona


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
            if intent == "pilih_program":
                intent = self.question or "tanya_program"
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
                sure(self.rng, "greet"),
            )

    def close(self, thanks: float, goodbye: float = 0.08) -> None:
        roll = self.rng.random()
        if roll < thanks:
            self.add(self.rng.choice(ph.THANKS), th.SMALL_TALK, sure(self.rng, "terima_kasih", 0.85))
        elif roll < thanks + goodbye:
            self.add(self.rng.choice(ph.GOODBYES), th.SMALL_TALK, sure(self.rng, "pamit", 0.7))

    # --- ordinary questions -------------------------------------------------------------------

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
            meant = (self.question or "tanya_program") if intent == "pilih_program" else intent
            self.press(payload_for(meant, self.program), theme)

    def ordinary(self) -> None:
        rng = self.rng
        if rng.random() < 0.25:
            self.greet()
            if rng.random() < 0.3:
                menu = [p for p in self.catalogue.buttons_of("sapaan") if p != "/cek_status"] or ["/tanya_syarat"]
                self.press(rng.choice(menu), th.NORMAL)
        if rng.random() < 0.12:
            intent = rng.choice([name for name in ph.GENERAL if name != "tanya_kontak"])
            self.ask(intent, self.typed(rng.choice(ph.GENERAL[intent])), th.NORMAL, None)
        else:
            intent, program = rng.choices(list(th.QUESTION_MIX), list(th.QUESTION_MIX.values()))[0], self.pick_program()
            self.ask(intent, self.typed(rng.choice(ph.QUESTIONS[intent]), program), th.NORMAL, program)
        while rng.random() < 0.5 and len(self.steps) < 7:
            self.follow_up()
        self.close(0.35)

    def follow_up(self) -> None:
        rng, roll = self.rng, self.rng.random()
        buttons = self.catalogue.buttons_of(self.steps[-1].answer_id)
        if roll < 0.25 and buttons:
            self.press(rng.choice(buttons), th.NORMAL)
            return
        if roll < 0.45 and self.program is not None:
            program = rng.choice([p for p in self.persona.programs if p != self.program] or [self.program])
            self.ask("pilih_program", self.typed(rng.choice(ph.SWITCH_PROGRAM), program), th.NORMAL, program)
            return
        intent = rng.choices(list(th.QUESTION_MIX), list(th.QUESTION_MIX.values()))[0]
        if roll < 0.8 and self.program is not None and intent in ph.FOLLOW_UPS:
            self.ask(intent, self.typed(rng.choice(ph.FOLLOW_UPS[intent])), th.NORMAL, None)
        else:
            program = self.pick_program()
            self.ask(intent, self.typed(rng.choice(ph.QUESTIONS[intent]), program), th.NORMAL, program)

    # --- confusions ---------------------------------------------------------------------------

    def confused(self, theme: str) -> None:
        """A question NLU cannot place well, and how the resident reacts to the missed answer."""
        rng = self.rng
        texts, program, candidates, fallback_rate = th.CONFUSIONS[theme]
        odds = th.ODDS_THEME[theme]
        if rng.random() < 0.15:
            self.greet()
        mentioned = program if program else ("bpnt" if theme == th.RICE_AID and rng.random() < 0.3 else None)
        last = self.add(
            self.typed(rng.choice(texts), program),
            theme,
            unsure_parse(rng, candidates, fallback_rate),
            mentioned=mentioned,
            odds=odds,
        )
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            roll = rng.random()
            if last.nlu.is_fallback and roll < 0.35:  # a topic button of the clarifying question
                offered = [name for name, _ in last.nlu.ranking if name.startswith(th.TOPIC_PREFIX)]
                self.press(payload_for(offered[0] if offered else "tanya_program", self.program), theme, odds)
            elif last.rating == -1 and roll < 0.3:
                self.press("/tanya_kontak", th.HUMAN)
            elif last.rating == -1 and roll < 0.5:
                topics = [n for n, _ in last.nlu.ranking if n in PROGRAM_QUESTIONS and n != last.nlu.intent]
                self.press(payload_for(topics[0] if topics else "tanya_tidak_dapat", self.program), theme, odds)
            elif roll < 0.75:  # the same question again, typed a little differently
                text = ph.noisy(rng, self.base, decorate=rng.random() < 0.5)
                last = self.add(text, theme, unsure_parse(rng, candidates, fallback_rate), gap="quick", odds=odds)
                continue
            elif roll < 0.88:  # "bukan itu maksud saya, …"
                text = rng.choice(ph.CORRECTION_PREFIXES) + self.typed(rng.choice(texts), program)
                last = self.add(text, theme, unsure_parse(rng, candidates, fallback_rate), gap="quick", odds=odds)
                continue
            elif roll < 0.95:
                text = rng.choice(ph.CORRECTION_ALONE)
                last = self.add(
                    text, theme, unsure_parse(rng, (("out_of_scope", 0.5), ("batal", 0.5)), 1.0), gap="quick"
                )
                continue
            else:
                self.status_check()
            break
        self.close(0.15)

    # --- the rest -----------------------------------------------------------------------------

    def off_topic(self) -> None:
        rng = self.rng
        if rng.random() < 0.2:
            self.greet()
        for template in rng.sample(ph.OUT_OF_SCOPE, rng.choice((1, 1, 1, 2))):
            roll, text = rng.random(), self.typed(template)
            if roll < 0.8:
                nlu = sure(rng, "out_of_scope", 0.55, 0.97)
            else:
                other = rng.choice(("tanya_besaran", "tanya_cara_daftar", "tanya_program"))
                nlu = unsure_parse(rng, (("out_of_scope", 0.8), (other, 0.2)), 0.0 if roll < 0.92 else 1.0)
            self.add(text, th.OUT_OF_SCOPE, nlu)
        self.close(0.1)

    def status_step(self, text: str, key: str, intent: str = "kirim_nomor", theme: str = th.STATUS) -> None:
        nlu = pressed(intent) if text.startswith("/") else sure(self.rng, intent, 0.85)
        self.add(text, theme, nlu, answer=f"status:{key}")

    def status_check(self, typed_nik: str | None = None) -> None:
        """ "cek status", NIK, KK: found, or one of the failures the resident meets."""
        rng = self.rng
        if typed_nik is None:
            start = "/cek_status" if rng.random() < 0.35 else ph.noisy(rng, rng.choice(ph.STATUS_START))
            if self.in_group:
                self.status_step(start, "private_chat_only", "cek_status")
                return
            if rng.random() < 0.02:
                self.status_step(start, "too_many", "cek_status")
                return
            self.status_step(start, "ask_nik", "cek_status")
            if rng.random() < 0.06:
                self.status_step(rng.choice(ph.NO_NUMBER), "no_number")
            if rng.random() < 0.06:
                self.status_step(rng.choice(ph.CANCEL), "cancelled", "batal")
                return
            problems = dict(th.STATUS_FAILURES)
            problem = rng.choices([*problems, "ok"], [*problems.values(), 1 - sum(problems.values())])[0]
            if problem != "ok":
                self.status_step(rng.choice(ph.NUMBER_REPLIES), problem)
                if rng.random() < 0.5:
                    return
            self.status_step(rng.choice(ph.NUMBER_REPLIES), "ask_kk")
        else:
            self.status_step(typed_nik, "ask_kk", theme=th.PERSONAL_NUMBER)
        wrong = 0
        while True:
            outcome = rng.choices(("found", "not_found", "wrong_kk"), (0.55, 0.3, 0.15))[0]
            wrong += outcome == "wrong_kk"
            self.status_step("[NIK]", "locked" if wrong == th.WRONG_KK_LIMIT else outcome)
            if outcome != "wrong_kk" or wrong == th.WRONG_KK_LIMIT or rng.random() < 0.3:
                break
        if outcome == "not_found" and rng.random() < 0.4:
            if rng.random() < 0.5:
                self.add(
                    self.typed("kenapa {w} tidak ditemukan", self.pick_program()),
                    th.STATUS,
                    sure(rng, "tanya_tidak_dapat", 0.5, 0.8),
                )
            else:
                self.add(self.typed(rng.choice(ph.GENERAL["tanya_kontak"])), th.HUMAN, sure(rng, "tanya_kontak", 0.75))

    def personal_number(self) -> None:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.5 and not self.in_group:
            self.status_check(typed_nik=ph.noisy(rng, rng.choice(ph.NIK_MESSAGES), decorate=False))
        elif roll < 0.85:
            text = ph.noisy(rng, rng.choice(ph.PHONE_MESSAGES), decorate=False)
            self.add(text, th.PERSONAL_NUMBER, sure(rng, "tanya_kontak", 0.42, 0.8))
        else:
            text = ph.noisy(rng, rng.choice(ph.EMAIL_MESSAGES), decorate=False)
            self.add(text, th.PERSONAL_NUMBER, unsure_parse(rng, (("tanya_kontak", 0.6), ("tanya_privasi", 0.4)), 1.0))
        self.close(0.2)

    def human(self) -> None:
        if self.rng.random() < 0.2:
            self.greet()
        self.add(
            self.typed(self.rng.choice(ph.GENERAL["tanya_kontak"])),
            th.HUMAN,
            sure(self.rng, "tanya_kontak", 0.7),
            odds=(0.15, 0.3),
        )
        self.close(0.3)


def visit_steps(
    rng: random.Random, catalogue: Catalogue, persona: Persona, theme: str, month: int, in_group: bool
) -> Sequence[Step]:
    """The messages of one visit on `theme`."""
    visit = Visit(rng, catalogue, persona, month, in_group)
    if theme in th.CONFUSIONS:
        visit.confused(theme)
    else:
        {
            th.NORMAL: visit.ordinary,
            th.OUT_OF_SCOPE: visit.off_topic,
            th.STATUS: visit.status_check,
            th.PERSONAL_NUMBER: visit.personal_number,
            th.HUMAN: visit.human,
        }[theme]()
    return visit.steps
