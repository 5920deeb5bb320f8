"""`make demo-data`: fill a database with 30 days of synthetic traffic, to show and test the report.

Writes made-up residents' questions (`turn_log`) and the confusion signals they raise
(`confusion_signal`); see `devtools/demo/traffic.py` for what the traffic looks like. Demo turn ids
start with "demo-", so `--replace` can swap them for a new set. A database that already holds
real turns is refused unless `--force`: mixing demo traffic into residents' data would make the
report lie.

    make demo-data                                   # the configured DATABASE_URL
    make demo-data ARGS="--database-url sqlite:////tmp/demo.sqlite3 --seed 7 --replace"
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from devtools.demo.eligibility_checks import demo_checks
from devtools.demo.traffic import DEMO_PREFIX, JAKARTA, DemoData, generate
from infobansos.eligibility.tracking import EligibilityCheck
from infobansos.question_log.rules import LOW_CONFIDENCE
from infobansos.question_log.signals import ConfusionSignal, Reason
from infobansos.question_log.turns import FEEDBACK_DOWN, FEEDBACK_UP, Outcome, TurnLog
from infobansos.settings import SettingsError, get_settings
from infobansos.storage.engine import session_factory

DEFAULT_DAYS = 30
DEFAULT_RESIDENTS = 4000  # about 24,000 turns: a busy month for the bot
DEFAULT_SEED = 7
BATCH_ROWS = 5000
EXIT_REFUSED = 1


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make demo-data", description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="length of the period, ending now")
    parser.add_argument("--residents", type=int, default=DEFAULT_RESIDENTS, help="made-up residents writing in")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed and end, same data")
    parser.add_argument(
        "--end",
        type=dt.datetime.fromisoformat,
        help="end of the period (ISO, e.g. 2026-11-28T12:00+07:00); default now",
    )
    parser.add_argument("--database-url", help="default: DATABASE_URL (the configured database)")
    parser.add_argument("--replace", action="store_true", help="delete earlier demo rows (turn id demo-…) first")
    parser.add_argument("--force", action="store_true", help="write even if the database holds real turns")
    args = parser.parse_args(argv)
    if args.days < 1 or args.residents < 1:
        parser.error("--days and --residents must be at least 1")
    if args.end is not None and args.end.tzinfo is None:
        args.end = args.end.replace(tzinfo=JAKARTA)  # a bare time is Jakarta time, like everything staff see
    return args


def shown_url(url: str) -> str:
    """The URL with its password masked, fit to print."""
    return make_url(url).render_as_string(hide_password=True)


def existing_turns(database_url: str) -> tuple[int, int]:
    """(real turns, demo turns) already in the database."""
    demo = TurnLog.turn_id.startswith(DEMO_PREFIX)
    with session_factory(database_url)() as session:
        real = session.scalar(select(func.count()).select_from(TurnLog).where(~demo)) or 0
        ours = session.scalar(select(func.count()).select_from(TurnLog).where(demo)) or 0
    return real, ours


def write(database_url: str, data: DemoData, replace: bool, checks: Sequence[dict[str, Any]] = ()) -> None:
    """Insert everything in one transaction, in batches (Core executemany: seconds, not minutes);
    `checks` are eligibility checks (`devtools.demo.eligibility_checks`)."""
    with session_factory(database_url).begin() as session:
        if replace:
            session.execute(delete(ConfusionSignal).where(ConfusionSignal.turn_id.startswith(DEMO_PREFIX)))
            session.execute(delete(TurnLog).where(TurnLog.turn_id.startswith(DEMO_PREFIX)))
            session.execute(delete(EligibilityCheck).where(EligibilityCheck.check_id.startswith(DEMO_PREFIX)))
        for model, rows in ((TurnLog, data.turns), (ConfusionSignal, data.signals), (EligibilityCheck, list(checks))):
            for first in range(0, len(rows), BATCH_ROWS):
                session.execute(insert(model), rows[first : first + BATCH_ROWS])


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def summary(data: DemoData) -> list[str]:
    """What was written: volumes, the period, how well the bot did, the themes and the signals."""
    turns, total = data.turns, len(data.turns)
    confident = sum(
        1
        for t in turns
        if t["outcome"] == Outcome.ANSWERED
        and not t["is_fallback"]
        and not t["is_out_of_scope"]
        and t["confidence"] >= LOW_CONFIDENCE
    )
    feedback = Counter(t["feedback"] for t in turns)
    themes = Counter(data.themes)
    down_by_theme = Counter(
        theme for theme, t in zip(data.themes, turns, strict=True) if t["feedback"] == FEEDBACK_DOWN
    )
    reasons = Counter(s["reason"] for s in data.signals)
    first, last = (turns[0]["created_at"], turns[-1]["created_at"]) if turns else (data.start, data.end)
    lines = [
        f"  period: {first.astimezone(JAKARTA):%Y-%m-%d %H:%M} – {last.astimezone(JAKARTA):%Y-%m-%d %H:%M} WIB"
        f" (payment date {data.payday:%Y-%m-%d}), {len({t['sender'] for t in turns}):,} senders",
        f"  answered confidently {share(confident, total)},"
        f" fallback {share(sum(t['is_fallback'] for t in turns), total)},"
        f" off topic {share(sum(t['is_out_of_scope'] for t in turns), total)},"
        f" busy {sum(t['outcome'] == Outcome.BUSY for t in turns)} turns;"
        f" 👍 {feedback[FEEDBACK_UP]:,} 👎 {feedback[FEEDBACK_DOWN]:,}",
        "  themes (share of turns, share of 👎):",
    ]
    for theme in sorted(themes, key=lambda name: -themes[name]):
        lines.append(
            f"    {theme:<17} {themes[theme]:>6,}  {share(themes[theme], total):>6}"
            f"  👎 {share(down_by_theme[theme], feedback[FEEDBACK_DOWN]):>6}"
        )
    lines.append("  signals (share of turns):")
    for reason in Reason:
        lines.append(f"    {reason.value:<17} {reasons[reason.value]:>6,}  {share(reasons[reason.value], total):>6}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        url = args.database_url or get_settings().database_url
        real, ours = existing_turns(url)
        if real and not args.force:
            print(
                f"demo-data: {shown_url(url)} already holds {real:,} real turn{'' if real == 1 else 's'};"
                " nothing was written.\n"
                "  Demo traffic mixed into residents' questions would make the report wrong. Use another database,\n"
                '  e.g. make demo-data ARGS="--database-url sqlite:////tmp/demo.sqlite3", or add --force.',
                file=sys.stderr,
            )
            return EXIT_REFUSED
        if ours and not args.replace:
            print(
                f"demo-data: {shown_url(url)} already holds {ours:,} demo turns; nothing was written.\n"
                '  Add --replace to swap them for a new set: make demo-data ARGS="--replace".',
                file=sys.stderr,
            )
            return EXIT_REFUSED
        end = args.end or dt.datetime.now(dt.UTC).replace(microsecond=0)
        data = generate(args.seed, args.days, args.residents, end)
        checks = demo_checks(args.seed, data.start, end, args.residents)
        write(url, data, args.replace, checks)
    except (SettingsError, SQLAlchemyError, OSError) as exc:
        print(f"demo-data: nothing was written: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    replaced = f" (replaced {ours:,} earlier demo turns)" if ours else ""
    print(
        f"demo-data: wrote {len(data.turns):,} turns and {len(data.signals):,} confusion signals"
        f" to {shown_url(url)}{replaced}; seed {args.seed}, {args.residents:,} residents, {args.days} days"
    )
    ended = Counter(check["outcome"] for check in checks)
    print(f"  eligibility checks: {len(checks):,} ({ended['selesai']:,} completed, {ended['batal']:,} cancelled)")
    print("\n".join(summary(data)))
    print("next: make report (with the same DATABASE_URL)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
