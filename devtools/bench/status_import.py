"""`make bench-import`: time `make import-status` on a generated export of 100,000 rows.

Generates a realistic file (valid DKI NIKs and KKs, every program and status), imports it into a
fresh SQLite database (or DATABASE_URL when set), imports it again (nothing may change), and
prints both times. Target on a 2-core machine: the first import under 30 s.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from infobansos.content.status import STATUS_CODES
from infobansos.settings import get_settings
from staff import csv_safe
from staff.import_status import import_file

PROGRAMS = ("kjp_plus", "kjmu", "klj", "kpdj", "kaj", "pkh", "bpnt", "pbi_jk", "pip")
REASONS = ("", "", "", "Memiliki kendaraan roda empat", "NIK tidak padan", "Kuota terbatas", "Desil tinggi")
TARGET_SECONDS = 30.0


def write_export(path: Path, rows: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv_safe.writer(handle)
        writer.writerow(["nik", "no_kk", "nama", "program", "status", "alasan", "diperbarui"])
        for i in range(rows):
            region = f"317{rng.randint(1, 5)}{rng.randint(1, 10):02d}"
            day = rng.randint(1, 28) + rng.choice((0, 40))
            nik = f"{region}{day:02d}{rng.randint(1, 12):02d}{rng.randint(40, 99):02d}{i % 10000:04d}"
            kk = f"{region}{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(10, 25):02d}{i % 10000:04d}"
            writer.writerow(
                [
                    nik,
                    kk,
                    f"Warga {i}",
                    PROGRAMS[i % len(PROGRAMS)],
                    rng.choice(STATUS_CODES),
                    rng.choice(REASONS),
                    f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
                ]
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            get_settings.cache_clear()
        path = Path(tmp) / "export.csv"
        write_export(path, args.rows)
        start = time.perf_counter()
        first = import_file(path)
        first_seconds = time.perf_counter() - start
        start = time.perf_counter()
        second = import_file(path)
        second_seconds = time.perf_counter() - start
    print(
        f"import of {args.rows:,} rows: {first_seconds:.1f} s ({first.added:,} added); target < {TARGET_SECONDS:.0f} s"
    )
    print(
        f"re-import of the same file: {second_seconds:.1f} s ({second.unchanged:,} unchanged, {second.changed} changed)"
    )
    return 0 if first_seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
