"""Conversation scripts for `make demo-data`: what one resident does in one visit to the bot.

Each visit follows a theme. Most are ordinary questions the bot answers well; the others are
the confusions the analysts' report must surface as clusters (KJP Plus money not arrived, DTKS
vs DTSEN, KLJ cash at the ATM, a rice handout the bot knows nothing about), plus chatter off
topic, personal numbers typed into the chat and status checks that fail. Reactions follow the
real bot: a clarifying question gets a button press, a 👎 gets "Tanya petugas" or another topic,
a missed answer gets a rephrase or "bukan itu".
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from devtools.demo import phrases as ph
from devtools.demo import themes as th
from devtools.demo.nlu import PROGRAM_QUESTIONS, Catalogue, payload_for, sure
from devtools.demo.nlu import unsure as unsure_parse
from devtools.demo.status_checks import personal_number, status_check
from devtools.demo.themes import Persona
from devtools.demo.visit import Step, Visit
from infobansos import protocol

__all__ = ["Step", "visit_steps"]  # devtools/demo/traffic.py imports Step from here


def ordinary(visit: Visit) -> None:
    """A question the bot answers, sometimes after a greeting or a menu button, and a few follow-ups."""
    rng = visit.rng
    if rng.random() < 0.25:
        visit.greet()
        if rng.random() < 0.3:
            menu = [p for p in visit.catalogue.buttons_of("sapaan") if p != "/cek_status"] or ["/tanya_syarat"]
            visit.press(rng.choice(menu), th.NORMAL)
    if rng.random() < 0.12:
        intent = rng.choice([name for name in ph.GENERAL if name != protocol.ASK_CONTACT])
        visit.ask(intent, visit.typed(rng.choice(ph.GENERAL[intent])), th.NORMAL, None)
    else:
        intent, program = rng.choices(list(th.QUESTION_MIX), list(th.QUESTION_MIX.values()))[0], visit.pick_program()
        visit.ask(intent, visit.typed(rng.choice(ph.QUESTIONS[intent]), program), th.NORMAL, program)
    while rng.random() < 0.5 and len(visit.steps) < 7:
        follow_up(visit)
    visit.close(0.35)


def follow_up(visit: Visit) -> None:
    """The next message: a button of the answer, another program, or another question."""
    rng, roll = visit.rng, visit.rng.random()
    buttons = visit.catalogue.buttons_of(visit.steps[-1].answer_id)
    if roll < 0.25 and buttons:
        visit.press(rng.choice(buttons), th.NORMAL)
        return
    if roll < 0.45 and visit.program is not None:
        program = rng.choice([p for p in visit.persona.programs if p != visit.program] or [visit.program])
        visit.ask(protocol.PICK_PROGRAM, visit.typed(rng.choice(ph.SWITCH_PROGRAM), program), th.NORMAL, program)
        return
    intent = rng.choices(list(th.QUESTION_MIX), list(th.QUESTION_MIX.values()))[0]
    if roll < 0.8 and visit.program is not None and intent in ph.FOLLOW_UPS:
        visit.ask(intent, visit.typed(rng.choice(ph.FOLLOW_UPS[intent])), th.NORMAL, None)
    else:
        program = visit.pick_program()
        visit.ask(intent, visit.typed(rng.choice(ph.QUESTIONS[intent]), program), th.NORMAL, program)


def confused(visit: Visit, theme: str) -> None:
    """A question NLU cannot place well, and how the resident reacts to the missed answer."""
    rng = visit.rng
    texts, program, candidates, fallback_rate = th.CONFUSIONS[theme]
    odds = th.ODDS_THEME[theme]
    if rng.random() < 0.15:
        visit.greet()
    mentioned = program if program else ("bpnt" if theme == th.RICE_AID and rng.random() < 0.3 else None)
    last = visit.add(
        visit.typed(rng.choice(texts), program),
        theme,
        unsure_parse(rng, candidates, fallback_rate),
        mentioned=mentioned,
        odds=odds,
    )
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        roll = rng.random()
        if last.nlu.is_fallback and roll < 0.35:  # a topic button of the clarifying question
            offered = [name for name, _ in last.nlu.ranking if name.startswith(th.TOPIC_PREFIX)]
            visit.press(payload_for(offered[0] if offered else protocol.ASK_PROGRAM, visit.program), theme, odds)
        elif last.rating == -1 and roll < 0.3:
            visit.press("/tanya_kontak", th.HUMAN)
        elif last.rating == -1 and roll < 0.5:
            topics = [n for n, _ in last.nlu.ranking if n in PROGRAM_QUESTIONS and n != last.nlu.intent]
            visit.press(payload_for(topics[0] if topics else protocol.ASK_WHY_NOT_RECEIVED, visit.program), theme, odds)
        elif roll < 0.75:  # the same question again, typed a little differently
            text = ph.noisy(rng, visit.base, decorate=rng.random() < 0.5)
            last = visit.add(text, theme, unsure_parse(rng, candidates, fallback_rate), gap="quick", odds=odds)
            continue
        elif roll < 0.88:  # "bukan itu maksud saya, …"
            text = rng.choice(ph.CORRECTION_PREFIXES) + visit.typed(rng.choice(texts), program)
            last = visit.add(text, theme, unsure_parse(rng, candidates, fallback_rate), gap="quick", odds=odds)
            continue
        elif roll < 0.95:
            text = rng.choice(ph.CORRECTION_ALONE)
            last = visit.add(
                text, theme, unsure_parse(rng, ((protocol.OUT_OF_SCOPE, 0.5), (protocol.CANCEL, 0.5)), 1.0), gap="quick"
            )
            continue
        else:
            status_check(visit)
        break
    visit.close(0.15)


def off_topic(visit: Visit) -> None:
    """Chatter unrelated to bansos, now and then taken for a bansos question."""
    rng = visit.rng
    if rng.random() < 0.2:
        visit.greet()
    for template in rng.sample(ph.OUT_OF_SCOPE, rng.choice((1, 1, 1, 2))):
        roll, text = rng.random(), visit.typed(template)
        if roll < 0.8:
            nlu = sure(rng, protocol.OUT_OF_SCOPE, 0.55, 0.97)
        else:
            other = rng.choice((protocol.ASK_AMOUNT, protocol.ASK_HOW_TO_REGISTER, protocol.ASK_PROGRAM))
            nlu = unsure_parse(rng, ((protocol.OUT_OF_SCOPE, 0.8), (other, 0.2)), 0.0 if roll < 0.92 else 1.0)
        visit.add(text, th.OUT_OF_SCOPE, nlu)
    visit.close(0.1)


def human(visit: Visit) -> None:
    """Asking for a person straight away."""
    if visit.rng.random() < 0.2:
        visit.greet()
    visit.add(
        visit.typed(visit.rng.choice(ph.GENERAL[protocol.ASK_CONTACT])),
        th.HUMAN,
        sure(visit.rng, protocol.ASK_CONTACT, 0.7),
        odds=(0.15, 0.3),
    )
    visit.close(0.3)


# What a visit on each theme other than a confusion does.
THEME_VISITS: dict[str, Callable[[Visit], None]] = {
    th.NORMAL: ordinary,
    th.OUT_OF_SCOPE: off_topic,
    th.STATUS: status_check,
    th.PERSONAL_NUMBER: personal_number,
    th.HUMAN: human,
}


def visit_steps(
    rng: random.Random, catalogue: Catalogue, persona: Persona, theme: str, month: int, in_group: bool
) -> Sequence[Step]:
    """The messages of one visit on `theme`."""
    visit = Visit(rng, catalogue, persona, month, in_group)
    if theme in th.CONFUSIONS:
        confused(visit, theme)
    else:
        THEME_VISITS[theme](visit)
    return visit.steps
