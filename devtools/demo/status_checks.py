"""The status check in `make demo-data`: "cek status", NIK, KK, as residents go through it.

Found, or one of the failures the resident meets (not found, a wrong KK up to the lock, a number
of the wrong length, cancelling, too many lookups, a group chat), and the personal numbers residents
type into the chat unasked: a NIK starts a status check, a phone number or an e-mail address does not.
"""

from __future__ import annotations

from devtools.demo import phrases as ph
from devtools.demo import themes as th
from devtools.demo.nlu import pressed, sure
from devtools.demo.nlu import unsure as unsure_parse
from devtools.demo.visit import Visit
from infobansos import protocol


def _status_step(visit: Visit, text: str, key: str, intent: str = protocol.SEND_NUMBER, theme: str = th.STATUS) -> None:
    nlu = pressed(intent) if text.startswith("/") else sure(visit.rng, intent, 0.85)
    visit.add(text, theme, nlu, answer=f"status:{key}")


def status_check(visit: Visit, typed_nik: str | None = None) -> None:
    """ "cek status", NIK, KK: found, or one of the failures the resident meets."""
    rng = visit.rng
    if typed_nik is None:
        start = "/cek_status" if rng.random() < 0.35 else ph.noisy(rng, rng.choice(ph.STATUS_START))
        if visit.in_group:
            _status_step(visit, start, "private_chat_only", protocol.CHECK_STATUS)
            return
        if rng.random() < 0.02:
            _status_step(visit, start, "too_many", protocol.CHECK_STATUS)
            return
        _status_step(visit, start, "ask_nik", protocol.CHECK_STATUS)
        if rng.random() < 0.06:
            _status_step(visit, rng.choice(ph.NO_NUMBER), "no_number")
        if rng.random() < 0.06:
            _status_step(visit, rng.choice(ph.CANCEL), "cancelled", protocol.CANCEL)
            return
        problems = dict(th.STATUS_FAILURES)
        problem = rng.choices([*problems, "ok"], [*problems.values(), 1 - sum(problems.values())])[0]
        if problem != "ok":
            _status_step(visit, rng.choice(ph.NUMBER_REPLIES), problem)
            if rng.random() < 0.5:
                return
        _status_step(visit, rng.choice(ph.NUMBER_REPLIES), "ask_kk")
    else:
        _status_step(visit, typed_nik, "ask_kk", theme=th.PERSONAL_NUMBER)
    wrong = 0
    while True:
        # A NIK not in the data and a wrong KK get the same reply (issue 13), so one outcome.
        outcome = rng.choices(("found", "no_match"), (0.55, 0.45))[0]
        wrong += outcome == "no_match"
        _status_step(visit, "[NIK]", "locked" if wrong == th.WRONG_KK_LIMIT else outcome)
        if outcome != "no_match" or wrong == th.WRONG_KK_LIMIT or rng.random() < 0.5:
            break
    if outcome == "no_match" and rng.random() < 0.4:
        if rng.random() < 0.5:
            visit.add(
                visit.typed("kenapa {w} tidak ditemukan", visit.pick_program()),
                th.STATUS,
                sure(rng, protocol.ASK_WHY_NOT_RECEIVED, 0.5, 0.8),
            )
        else:
            visit.add(
                visit.typed(rng.choice(ph.GENERAL[protocol.ASK_CONTACT])),
                th.HUMAN,
                sure(rng, protocol.ASK_CONTACT, 0.75),
            )


def personal_number(visit: Visit) -> None:
    rng, roll = visit.rng, visit.rng.random()
    if roll < 0.5 and not visit.in_group:
        status_check(visit, typed_nik=ph.noisy(rng, rng.choice(ph.NIK_MESSAGES), decorate=False))
    elif roll < 0.85:
        text = ph.noisy(rng, rng.choice(ph.PHONE_MESSAGES), decorate=False)
        visit.add(text, th.PERSONAL_NUMBER, sure(rng, protocol.ASK_CONTACT, 0.42, 0.8))
    else:
        text = ph.noisy(rng, rng.choice(ph.EMAIL_MESSAGES), decorate=False)
        visit.add(
            text, th.PERSONAL_NUMBER, unsure_parse(rng, ((protocol.ASK_CONTACT, 0.6), (protocol.ASK_PRIVACY, 0.4)), 1.0)
        )
    visit.close(0.2)
