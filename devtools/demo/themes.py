"""Themes of demo visits for `make demo-data`: who writes, about what, and how often.

The confusions are what the analysts' report must surface as clusters: KJP Plus money that has
not arrived this month (NLU wavers between the schedule and "why not"), DTKS vs DTSEN, KLJ cash at
the ATM, and a rice handout the bot has no answer for. Their weights change over the month, so
the report has a spike and a trend to show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from devtools.demo import phrases as ph
from infobansos import protocol

NORMAL, SMALL_TALK = "pertanyaan_biasa", "obrolan"
KJP_NOT_ARRIVED, DTKS_DTSEN, KLJ_WITHDRAW, RICE_AID = "kjp_belum_cair", "dtks_dtsen", "klj_tarik_tunai", "beras_10kg"
OUT_OF_SCOPE, STATUS, PERSONAL_NUMBER, HUMAN = "luar_topik", protocol.CHECK_STATUS, "nomor_pribadi", "minta_petugas"
THEMES = (NORMAL, KJP_NOT_ARRIVED, DTKS_DTSEN, KLJ_WITHDRAW, RICE_AID, OUT_OF_SCOPE, STATUS, PERSONAL_NUMBER, HUMAN)
# (share of factual answers rated, share of those ratings that are 👎), by how well NLU understood.
ODDS_SURE, ODDS_MEDIUM, ODDS_LOW = (0.2, 0.07), (0.25, 0.3), (0.35, 0.55)
ODDS_THEME = {KJP_NOT_ARRIVED: (0.6, 0.9), DTKS_DTSEN: (0.45, 0.7), KLJ_WITHDRAW: (0.5, 0.75), RICE_AID: (0.5, 0.85)}
QUESTION_MIX = {
    protocol.ASK_REQUIREMENTS: 0.22,
    protocol.ASK_HOW_TO_REGISTER: 0.2,
    protocol.ASK_AMOUNT: 0.14,
    protocol.ASK_PAYOUT_DATE: 0.14,
    protocol.ASK_PROGRAM: 0.1,
    protocol.ASK_HOW_TO_CHECK: 0.1,
    protocol.ASK_WHY_NOT_RECEIVED: 0.1,
}
# Where NLU hesitates on each confusion, and how often it gives up (FallbackClassifier).
CONFUSIONS: dict[str, tuple[tuple[str, ...], str | None, tuple[tuple[str, float], ...], float]] = {
    KJP_NOT_ARRIVED: (
        ph.KJP_NOT_ARRIVED,
        "kjp_plus",
        ((protocol.ASK_PAYOUT_DATE, 0.55), (protocol.ASK_WHY_NOT_RECEIVED, 0.45)),
        0.25,
    ),
    DTKS_DTSEN: (
        ph.DTKS_DTSEN,
        None,
        (
            (protocol.ASK_REGISTRY, 0.4),
            (protocol.ASK_WHY_NOT_RECEIVED, 0.3),
            (protocol.ASK_HOW_TO_CHECK, 0.15),
            (protocol.ASK_HOW_TO_REGISTER, 0.15),
        ),
        0.25,
    ),
    KLJ_WITHDRAW: (
        ph.KLJ_WITHDRAW,
        "klj",
        ((protocol.ASK_HOW_TO_CHECK, 0.45), (protocol.ASK_AMOUNT, 0.3), (protocol.ASK_PAYOUT_DATE, 0.25)),
        0.35,
    ),
    RICE_AID: (
        ph.RICE_AID,
        None,
        ((protocol.ASK_PAYOUT_DATE, 0.5), (protocol.ASK_WHY_NOT_RECEIVED, 0.25), (protocol.OUT_OF_SCOPE, 0.25)),
        0.7,
    ),
}
STATUS_FAILURES = (("bad_length", 0.1), ("bad_province", 0.04), ("bad_date", 0.03))
WRONG_KK_LIMIT = 3
TOPIC_PREFIX = "tanya_"  # intents with a topic button (content/topics.yml)


@dataclass(frozen=True)
class Persona:
    """Who writes: the programs they care about, and how much (someone's child, parent, family)."""

    name: str
    weight: float
    programs: dict[str, float]


PERSONAS = (
    Persona("orang_tua_murid", 0.32, {"kjp_plus": 0.6, "pip": 0.25, "kjmu": 0.15}),
    Persona("anak_lansia", 0.2, {"klj": 0.75, "pbi_jk": 0.15, "bpnt": 0.1}),
    Persona("keluarga_disabilitas", 0.07, {"kpdj": 0.8, "pbi_jk": 0.2}),
    Persona("ibu_balita", 0.1, {"kaj": 0.65, "pkh": 0.35}),
    Persona("keluarga_prasejahtera", 0.21, {"pkh": 0.35, "bpnt": 0.35, "pbi_jk": 0.3}),
    Persona("mahasiswa", 0.1, {"kjmu": 0.8, "pip": 0.2}),
)


def theme_weights(persona: Persona, days_after_payday: int, progress: float) -> dict[str, float]:
    """How likely each theme is for this resident on this day.

    KJP parents flood in during the days after the usual payment date; the rice handout gets
    talked about more as the month goes on (news spreading), which the report should show as a trend.
    """
    after = math.exp(-days_after_payday / 5) if days_after_payday >= 0 else 0.0
    return {
        NORMAL: 0.45,
        KJP_NOT_ARRIVED: persona.programs.get("kjp_plus", 0.0) * (0.35 + 2.5 * after),
        DTKS_DTSEN: 0.08,
        KLJ_WITHDRAW: 0.005 + 0.2 * persona.programs.get("klj", 0.0),
        RICE_AID: 0.02 + 0.08 * progress,
        OUT_OF_SCOPE: 0.08,
        STATUS: 0.1,
        PERSONAL_NUMBER: 0.04,
        HUMAN: 0.03,
    }
