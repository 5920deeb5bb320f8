"""The report's figures, aggregated in SQL (SQLite and PostgreSQL alike).

A million logged turns must be reported in well under a minute, so nothing here loads a row per
turn: volumes and rates are GROUP BY queries, and the confusion questions come back already
grouped by identical text and NLU outcome, with a count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, literal_column, or_, select
from sqlalchemy.orm import Session

from infobansos.question_log.rules import LOW_CONFIDENCE
from infobansos.question_log.signals import ConfusionSignal, Reason
from infobansos.question_log.turns import FEEDBACK_DOWN, FEEDBACK_UP, Outcome, TurnLog
from staff.report.clusters import NOT_A_TOPIC, ConfusedTurns
from staff.report.window import ReportWindow

# Jakarta has no daylight saving time: WIB is always UTC+7, which SQLite can add as a modifier.
SQLITE_JAKARTA_OFFSET = "'+7 hours'"
POSTGRES_JAKARTA_ZONE = "'Asia/Jakarta'"
# A typed question, not a button press or a command such as `/tanya_syarat{"program": "klj"}`.
COMMAND_PREFIX = "/"
SCAN_SHARE = 0.25  # SQLite: read the whole table when the window holds at least this share of it
RANKED_KEPT = 2  # ranking entries read back: a fallback's best real guess is the second
UNRECOGNISED = sorted(name for name in NOT_A_TOPIC if name)  # intents that are no topic
# Signals whose turn text is a question worth clustering. A failed status check's text is a
# number reference, a correction is "bukan itu", a request for a person is "mau ke petugas".
# "Unsure" and "off topic" are raised from the very columns stored on their turn in the same
# transaction (`rules.understanding_signals`), so the turn's own flags find those turns; looking
# them up again in the signals would add a third of a million-turn query. A 👎 stays a signal
# even if the resident later changes it, so it is looked up, like the rephrasings.
LOOKED_UP_REASONS = (Reason.THUMBS_DOWN, Reason.REPHRASE)


@dataclass(frozen=True)
class CubeRow:
    """Counts for one Jakarta day × intent × program: days and topics are both sums of these."""

    day: str  # YYYY-MM-DD, Jakarta time
    intent: str | None
    program: str | None
    questions: int
    fallbacks: int
    out_of_scope: int
    thumbs_up: int
    thumbs_down: int
    busy: int


@dataclass(frozen=True)
class Totals:
    questions: int
    senders: int
    average_latency_ms: float | None


def jakarta_day(column: ColumnElement[dt.datetime], dialect: str) -> ColumnElement[str]:
    """The Jakarta calendar day of a UTC timestamp as 'YYYY-MM-DD' text, on either database.

    The constants are literal SQL, not parameters: PostgreSQL would otherwise see the GROUP BY
    expression and the selected one as different (each with its own parameter).
    """
    if dialect == "postgresql":
        local = func.timezone(literal_column(POSTGRES_JAKARTA_ZONE), column)
        return func.to_char(local, literal_column("'YYYY-MM-DD'"))
    return func.date(column, literal_column(SQLITE_JAKARTA_OFFSET))


def _in_window(window: ReportWindow, scan: bool = False, with_program: bool = True) -> list[ColumnElement[bool]]:
    """The turns of the window. With `scan`, SQLite's documented unary "+" keeps it off the index
    (SQLite only: PostgreSQL has no unary "+" for timestamps, and its planner needs no hint)."""
    created = literal_column(f"+{TurnLog.__tablename__}.created_at", TurnLog.created_at.type) if scan else None
    column = TurnLog.created_at if created is None else created
    conditions = [column >= window.start_utc, column < window.end_utc]
    if window.program and with_program:
        conditions.append(TurnLog.program == window.program)
    return conditions


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _sqlite_scan(session: Session, scan: bool) -> bool:
    return scan and _dialect(session) == "sqlite"


def prefer_scan(session: Session, window: ReportWindow) -> bool:
    """Whether SQLite should read the whole table rather than walk the created_at index.

    For a window holding most of the log (30 days of a 180-day retention, or a fresh database)
    a plain scan is about three times faster than one index lookup per row; for a short window
    the index wins. Both counts below read only the index, in milliseconds. PostgreSQL's planner
    makes this choice by itself from its statistics.
    """
    if _dialect(session) != "sqlite":
        return False
    in_window = session.execute(select(func.count()).where(*_in_window(window, with_program=False))).scalar_one()
    total = session.execute(select(func.count()).select_from(TurnLog)).scalar_one()
    return total > 0 and in_window >= SCAN_SHARE * total


def volume_cube(session: Session, window: ReportWindow, scan: bool = False) -> list[CubeRow]:
    """One pass over the window: counts per Jakarta day × intent × program."""
    day = jakarta_day(TurnLog.created_at, _dialect(session)).label("day")
    query = select(
        day,
        TurnLog.intent,
        TurnLog.program,
        func.count(),
        func.count().filter(TurnLog.is_fallback),
        func.count().filter(TurnLog.is_out_of_scope),
        func.count().filter(TurnLog.feedback == FEEDBACK_UP),
        func.count().filter(TurnLog.feedback == FEEDBACK_DOWN),
        func.count().filter(TurnLog.outcome == Outcome.BUSY),
    ).where(*_in_window(window, _sqlite_scan(session, scan)))
    query = query.group_by(day, TurnLog.intent, TurnLog.program)
    rows = [CubeRow(*row) for row in session.execute(query).tuples()]
    return sorted(rows, key=lambda r: (r.day, r.intent or "", r.program or ""))


def totals(session: Session, window: ReportWindow, scan: bool = False) -> Totals:
    query = select(func.count(), func.count(func.distinct(TurnLog.sender)), func.avg(TurnLog.latency_ms))
    questions, senders, latency = session.execute(query.where(*_in_window(window, _sqlite_scan(session, scan)))).one()
    return Totals(questions, senders, float(latency) if latency is not None else None)


def _signals(window: ReportWindow, column: ColumnElement[Any]) -> Select:
    """Signals raised in the window (their own timestamp: far fewer rows than the turns)."""
    query = select(column, func.count()).where(
        ConfusionSignal.created_at >= window.start_utc, ConfusionSignal.created_at < window.end_utc
    )
    if window.program:
        query = query.join(TurnLog, TurnLog.turn_id == ConfusionSignal.turn_id).where(TurnLog.program == window.program)
    return query.group_by(column)


def signals_per_reason(session: Session, window: ReportWindow) -> list[tuple[str, int]]:
    """How often each confusion signal was raised in the window, most frequent first."""
    rows = session.execute(_signals(window, ConfusionSignal.reason)).tuples()
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def status_failures(session: Session, window: ReportWindow) -> list[tuple[str, int]]:
    """Why status checks failed (the signal's detail: not found, wrong KK, bad number, limit…)."""
    query = _signals(window, ConfusionSignal.detail).where(ConfusionSignal.reason == Reason.STATUS_FAILED.value)
    return sorted(((detail or "-", n) for detail, n in session.execute(query).tuples()), key=lambda r: (-r[1], r[0]))


def _confusion_query(window: ReportWindow, scan: bool) -> Select:
    signalled = select(ConfusionSignal.turn_id).where(
        ConfusionSignal.reason.in_([reason.value for reason in LOOKED_UP_REASONS]),
        # Signals are written within seconds of their turn; a day's slack keeps the sub-query small.
        ConfusionSignal.created_at >= window.start_utc - dt.timedelta(days=1),
        ConfusionSignal.created_at < window.end_utc + dt.timedelta(days=1),
    )
    # The first two intents of the top-3 ranking: for a fallback the first is nlu_fallback and the
    # second NLU's real guess. JSON paths compile to json_extract (SQLite) and #>> (PostgreSQL).
    # Only a turn without a recognised topic needs its guesses (`ConfusedTurns.candidate_intent`):
    # reading the JSON of the others would cost a third of the query on a million turns.
    unrecognised = or_(TurnLog.is_fallback, TurnLog.intent.is_(None), TurnLog.intent.in_(UNRECOGNISED))
    # One path per guess (`$[0]."intent"`, `#>> '{0,intent}'`): chained indexes would extract twice.
    ranked = [
        case((unrecognised, TurnLog.ranking[(i, "intent")].as_string())).label(f"ranked_{i}")
        for i in range(RANKED_KEPT)
    ]
    turns = (
        select(
            TurnLog.text,
            TurnLog.intent,
            TurnLog.confidence,
            *ranked,
            TurnLog.is_fallback,
            TurnLog.is_out_of_scope,
            (TurnLog.feedback == FEEDBACK_DOWN).label("thumbs_down"),
            TurnLog.answer_id,
            TurnLog.program,
        )
        .where(
            *_in_window(window, scan),
            TurnLog.text.is_not(None),
            TurnLog.text != "",
            ~TurnLog.text.startswith(COMMAND_PREFIX, autoescape=True),
            or_(
                TurnLog.is_fallback,
                TurnLog.is_out_of_scope,
                TurnLog.confidence < LOW_CONFIDENCE,
                TurnLog.feedback == FEEDBACK_DOWN,
                TurnLog.turn_id.in_(signalled),
            ),
        )
        .subquery()
    )
    # Grouped outside the sub-query: PostgreSQL accepts a GROUP BY of plain columns, where the same
    # expressions with their own parameters would count as different ones.
    keys = [column for column in turns.c if column.name != "confidence"]
    return select(keys[0], func.count(), keys[1], func.avg(turns.c.confidence), *keys[2:]).group_by(*keys)


def confusion_questions(session: Session, window: ReportWindow, scan: bool = False) -> list[ConfusedTurns]:
    """Typed questions the bot struggled with: unsure, off topic, 👎 or asked again, grouped by text."""
    return [
        ConfusedTurns(
            text=text,
            count=count,
            intent=intent,
            confidence=float(confidence) if confidence is not None else None,
            ranking=tuple(name for name in (first, second) if name),
            is_fallback=bool(fallback),
            is_out_of_scope=bool(out_of_scope),
            thumbs_down=bool(down),
            answer_id=answer_id,
            program=program,
        )
        for text, count, intent, confidence, first, second, fallback, out_of_scope, down, answer_id, program in (
            session.execute(_confusion_query(window, _sqlite_scan(session, scan))).tuples()
        )
    ]
