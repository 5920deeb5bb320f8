"""Realistic logged turns for `make bench-report`, the browser test and trying the report out.

The phrases are written here (everyday Jakarta Indonesian with slang and typos), not copied from
`nlu/`: most are questions the bot understands; about 15% are turns it struggled with, drawn
from a few recurring themes (a lost KJP card, a rice handout, delayed money, …) so the report
has real clusters to find. Rows are plain dicts for Core `insert()` executemany: a million ORM
objects would take minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from infobansos.question_log.signals import Reason
from infobansos.question_log.turns import FEEDBACK_DOWN, FEEDBACK_UP, Outcome

CONFUSED_SHARE = 0.15
BUTTON_SHARE = 0.10
RATED_SHARE = 0.12
THUMBS_DOWN_OF_RATED = 0.15
BUSY_SHARE = 0.01
TYPO_SHARE = 0.3
SENDERS = 40_000
PROGRAMS = {
    "kjp_plus": ("kjp", "kjp plus", "KJP+", "kartu jakarta pintar"),
    "klj": ("klj", "kartu lansia", "bansos lansia"),
    "kpdj": ("kpdj", "kartu disabilitas", "kpjd"),
    "kaj": ("kaj", "kartu anak jakarta"),
    "pkh": ("pkh", "bantuan pkh"),
    "bpnt": ("bpnt", "kartu sembako"),
}
QUESTIONS = {
    "tanya_syarat": ("syarat {p} apa aja min", "klo mau dapet {p} hrs gmn", "{p} syaratnya apa ya"),
    "tanya_besaran": ("{p} sebulan brp sih", "besaran {p} taun ini berapa", "duit {p} dapetnya brp"),
    "tanya_jadwal_cair": ("{p} kapan cair min?", "{p} bulan ini udh cair blm", "jadwal cair {p}"),
    "tanya_cara_daftar": ("cara daftar {p} gmn", "mau ngajuin {p} kemana ya", "daftar {p} online bisa?"),
    "tanya_cara_cek": ("cara cek {p}", "cek penerima {p} dimana", "cek saldo {p} gimana"),
    "tanya_tidak_dapat": ("knp ga dapet {p} lg", "{p} saya dicabut kenapa", "kok ga lolos {p}"),
}
# Theme → (phrasings, how NLU took them). "faq": fallback/off topic; an intent: unsure of it;
# "down:<answer_id>": answered with confidence, then rated 👎.
CONFUSED_THEMES: dict[str, tuple[tuple[str, ...], str]] = {
    "kartu_hilang": (
        (
            "kartu kjp saya hilang gimana",
            "atm kjp ilang harus kemana",
            "kartu kjp rusak cara gantinya",
            "kjp anak hilang bikin baru dmn",
            "atm kjp ketelen mesin gmn",
        ),
        "faq",
    ),
    "beras": (
        (
            "bansos beras 10 kg kapan dibagi",
            "beras bulog jakarta kapan",
            "pembagian beras bansos di rw",
            "jatah beras bulan ini ada ga",
        ),
        "faq",
    ),
    "ojol": (
        ("bantuan ojol dki ada ga", "bansos buat driver ojol", "ojek online dapet bantuan ga"),
        "faq",
    ),
    "rekening_blokir": (
        ("rekening bank dki saya keblokir", "rekening klj diblokir gimana", "buku tabungan bank dki hilang"),
        "faq",
    ),
    "cair_telat": (
        ("duit lansia nenek kok blm masuk", "uang klj telat terus", "kok blm ada transferan bansos lansia"),
        "tanya_jadwal_cair",
    ),
    "anak_sma": (
        ("anak sy sma swasta bs dpt kjp gak", "sekolah swasta boleh kjp?", "kjp buat smk swasta bisa"),
        "tanya_syarat",
    ),
    "cair_kjp": (
        ("kjp plus cair tanggal berapa", "tanggal cair kjp bulan ini", "kjp cair tgl brp min"),
        "down:kjp_plus_jadwal_cair",
    ),
    "luar_topik": (
        ("resep rendang padang", "jadwal krl ke bogor", "harga emas hari ini", "cara bikin sim online"),
        "oos",
    ),
}
ANSWERS = {intent: intent.removeprefix("tanya_") for intent in QUESTIONS}


def _typo(text: str, rng: random.Random) -> str:
    """A resident's slip: a letter dropped, doubled or swapped."""
    if len(text) < 6 or rng.random() > TYPO_SHARE:
        return text
    i = rng.randrange(1, len(text) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def _ranking(first: str, confidence: float, rng: random.Random) -> list[dict[str, Any]]:
    others = rng.sample([name for name in QUESTIONS if name != first], 2)
    rest = 1 - confidence
    return [
        {"intent": first, "confidence": round(confidence, 4)},
        {"intent": others[0], "confidence": round(rest * 0.6, 4)},
        {"intent": others[1], "confidence": round(rest * 0.3, 4)},
    ]


def _understood(rng: random.Random) -> tuple[dict[str, Any], list[str]]:
    intent = rng.choice(list(QUESTIONS))
    program = rng.choice(list(PROGRAMS))
    text = _typo(rng.choice(QUESTIONS[intent]).format(p=rng.choice(PROGRAMS[program])), rng)
    confidence = rng.uniform(0.6, 0.99)
    fields = {
        "text": text,
        "intent": intent,
        "confidence": confidence,
        "ranking": _ranking(intent, confidence, rng),
        "program": program,
        "answer_id": f"{program}_{ANSWERS[intent]}",
    }
    return fields, []


def _confused(rng: random.Random) -> tuple[dict[str, Any], list[str]]:
    theme = rng.choice(list(CONFUSED_THEMES))
    phrases, how = CONFUSED_THEMES[theme]
    text = _typo(rng.choice(phrases), rng)
    # A theme the bot has no content for gets scattered guesses; a theme it half knows, one guess.
    guess = rng.choice(list(QUESTIONS)) if how == "faq" else how
    if how == "oos":
        fields = {"intent": "out_of_scope", "confidence": rng.uniform(0.7, 0.99), "is_out_of_scope": True}
        fields.update(ranking=_ranking("out_of_scope", fields["confidence"], rng), answer_id="luar_topik")
        signals = [Reason.OUT_OF_SCOPE.value]
    elif how == "faq":
        ranking = [{"intent": "nlu_fallback", "confidence": 0.3}, *_ranking(guess, 0.25, rng)[:2]]
        fields = {"intent": "nlu_fallback", "confidence": 0.3, "ranking": ranking, "is_fallback": True}
        signals = [Reason.LOW_CONFIDENCE.value]
    elif how.startswith("down:"):
        confidence = rng.uniform(0.8, 0.99)
        fields = {"intent": "tanya_jadwal_cair", "confidence": confidence, "program": "kjp_plus"}
        fields.update(ranking=_ranking("tanya_jadwal_cair", confidence, rng), answer_id=how.removeprefix("down:"))
        fields["feedback"] = FEEDBACK_DOWN
        signals = [Reason.THUMBS_DOWN.value]
    else:
        confidence = rng.uniform(0.3, 0.49)
        fields = {"intent": how, "confidence": confidence, "ranking": _ranking(how, confidence, rng)}
        signals = [Reason.LOW_CONFIDENCE.value] + ([Reason.REPHRASE.value] if rng.random() < 0.3 else [])
    fields["text"] = text
    return fields, signals


def _button(rng: random.Random) -> tuple[dict[str, Any], list[str]]:
    intent, program = rng.choice(list(QUESTIONS)), rng.choice(list(PROGRAMS))
    fields = {
        "text": f'/{intent}{{"program": "{program}"}}',
        "intent": intent,
        "confidence": 1.0,
        "ranking": [{"intent": intent, "confidence": 1.0}],
        "program": program,
        "answer_id": f"{program}_{ANSWERS[intent]}",
    }
    return fields, []


def generate_turns(
    count: int, end: dt.datetime, days: int = 30, seed: int = 2026
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(turn_log row, its confusion_signal rows) pairs, spread over the `days` days before `end`."""
    rng = random.Random(seed)
    span = days * 86_400
    for i in range(count):
        created = end - dt.timedelta(seconds=rng.randrange(span))
        draw = rng.random()
        if draw < CONFUSED_SHARE:
            fields, reasons = _confused(rng)
        elif draw < CONFUSED_SHARE + BUTTON_SHARE:
            fields, reasons = _button(rng)
        else:
            fields, reasons = _understood(rng)
        if "feedback" not in fields and rng.random() < RATED_SHARE:
            fields["feedback"] = FEEDBACK_DOWN if rng.random() < THUMBS_DOWN_OF_RATED else FEEDBACK_UP
            if fields["feedback"] == FEEDBACK_DOWN:
                reasons = [*reasons, Reason.THUMBS_DOWN.value]
        turn_id = f"b{i:015x}"
        sender = f"u_{rng.randrange(SENDERS):08x}"
        row = {
            "turn_id": turn_id,
            "created_at": created,
            "sender": sender,
            "chat_type": "private",
            "intent": None,
            "confidence": None,
            "ranking": None,
            "program": None,
            "answer_id": None,
            "is_fallback": False,
            "is_out_of_scope": False,
            "outcome": Outcome.BUSY if rng.random() < BUSY_SHARE else Outcome.ANSWERED,
            "latency_ms": int(rng.lognormvariate(4.2, 0.4)),
            "feedback": None,
            **fields,
        }
        signals = [
            {"turn_id": turn_id, "created_at": created, "sender": sender, "reason": reason, "detail": None}
            for reason in reasons
        ]
        yield row, signals
