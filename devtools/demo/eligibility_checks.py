"""Made-up eligibility checks for `make demo-data`, so the report's and the console's "Cek kelayakan"
sections have something to show in demos and screenshots.

Drawn from their own random stream (seeded from the demo's seed), so adding them leaves the demo
turns, and everything compared against them, exactly as before. Ids start with the demo prefix, so
`--replace` swaps them too. Like real checks they carry no sender, answers or text.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from devtools.demo.traffic import DEMO_PREFIX
from infobansos.eligibility.tracking import CheckOutcome

RESIDENTS_PER_CHECK = 8  # about one resident in eight tries the check in a month
# Where residents who give up stop: the DTSEN and desil questions confuse the most.
STOP_WEIGHTS = {
    "domisili": 2,
    "dtsen": 6,
    "desil": 5,
    "anggota": 3,
    "jenjang": 2,
    "pengecualian": 2,
    "pekerja": 1,
    "bantuan_lain": 1,
}
# How often each program comes out "kemungkinan memenuhi syarat" in a completed check.
LIKELY_SHARE = {
    "kjp_plus": 0.30,
    "kjmu": 0.05,
    "klj": 0.22,
    "kpdj": 0.06,
    "kaj": 0.10,
    "kpj": 0.08,
    "pkh": 0.18,
    "bpnt": 0.20,
    "pbi_jk": 0.35,
    "pip": 0.25,
    "pangan_murah": 0.40,
}
COMPLETED, CANCELLED = 0.62, 0.10  # the rest go quiet mid-check


def demo_checks(seed: int, start: dt.datetime, end: dt.datetime, residents: int) -> list[dict[str, Any]]:
    """`eligibility_check` rows started between `start` and two hours before `end` (all settled)."""
    rng = random.Random(f"kelayakan-{seed}")
    span = max((end - dt.timedelta(hours=2) - start).total_seconds(), 1.0)
    rows = []
    for number in range(max(1, residents // RESIDENTS_PER_CHECK)):
        started = start + dt.timedelta(seconds=rng.uniform(0, span))
        roll = rng.random()
        stop = rng.choices(list(STOP_WEIGHTS), weights=list(STOP_WEIGHTS.values()))[0]
        row: dict[str, Any] = {
            "check_id": f"{DEMO_PREFIX}kelayakan-{seed}-{number}",
            "started_at": started,
            "last_question": stop,
            "finished_at": None,
            "outcome": None,
            "likely_programs": [],
        }
        if roll < COMPLETED:
            likely = [program for program, share in LIKELY_SHARE.items() if rng.random() < share]
            finished = started + dt.timedelta(minutes=rng.uniform(2, 6))
            row.update(
                last_question="bantuan_lain", finished_at=finished, outcome=CheckOutcome.DONE, likely_programs=likely
            )
        elif roll < COMPLETED + CANCELLED:
            row.update(finished_at=started + dt.timedelta(minutes=rng.uniform(1, 3)), outcome=CheckOutcome.CANCELLED)
        rows.append(row)
    return sorted(rows, key=lambda row: row["started_at"])
