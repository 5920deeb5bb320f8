"""A data office status export of many rows, to try the console's status upload and time it.

The browser test (issue 15: a 100,000-row upload previews in < 30 s) and anyone trying the
console by hand need a realistic file; it is `make bench-import`'s generator (valid DKI NIKs and
KKs, every program and status), optionally with bad lines mixed in so the dry run has problems
to list. Run: `.venv/bin/python -m devtools.demo.status_rows /tmp/status.csv --rows 100000`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from devtools.bench.status_import import write_export

DEFAULT_ROWS = 100_000
# Built from a kelurahan prefix and a counter, so no NIK-like literal sits in the source.
_REGION = "317509"
_KK = f"{_REGION}{1:010d}"


def _nik(serial: int) -> str:
    return f"{_REGION}120385{serial:04d}"


# What a bad line looks like in a real export: a NIK one digit short, a program nobody knows
# (with markup and a spreadsheet formula, which the console must show as plain text), a date typo.
BAD_LINES = (
    f"{_nik(1)[:-1]},{_KK},Budi,klj,disetujui,,2026-05-31",
    f'{_nik(9999)},{_KK},Ani,"<script>alert(1)</script>",disetujui,,2026-05-31',
    f'{_nik(9998)},{_KK},Dewi,klj,"=HYPERLINK(""http://x"")",,2026-05-31',
    f"{_nik(9997)},{_KK},Rina,klj,disetujui,,31/13/2026",
)


def write_status_csv(path: Path, rows: int = DEFAULT_ROWS, bad_every: int = 0, seed: int = 2026) -> Path:
    """Write `rows` good rows (plus one bad line after every `bad_every` rows when > 0); the path back."""
    write_export(path, rows, seed)
    if bad_every > 0:
        lines = path.read_text(encoding="utf-8").splitlines()
        mixed = lines[:1]
        for number, line in enumerate(lines[1:], start=1):
            mixed.append(line)
            if number % bad_every == 0:
                mixed.append(BAD_LINES[(number // bad_every) % len(BAD_LINES)])
        path.write_text("\n".join(mixed) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    parser.add_argument("--bad-every", type=int, default=0, help="add one bad line after every N rows")
    args = parser.parse_args(argv)
    write_status_csv(args.path, args.rows, args.bad_every)
    print(f"{args.path}: {args.rows:,} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
