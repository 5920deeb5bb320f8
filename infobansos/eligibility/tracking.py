"""How far residents get in the eligibility self-check ("Apakah saya berhak?", issue 16), for the staff's counts.

The answers stay in the conversation (Rasa's slots); this table keeps only what `/stats`, the
report and the console count: an opaque check id (made up per check, never linked to the
sender), when it started, the last question reached, when and how it ended, and the program
keys the result called likely. No sender, no answers, no text, so nothing here is personal data.

The action server calls these functions from a form that Rasa may replay, retry or resume after
a restart, so each is an idempotent upsert that tolerates any order: a question reached before
the start was stored still starts the check, a second finish just restates the result, and a
`/batal` after the result changes nothing. Callers own the transaction and catch database errors
(as `actions/question_log.py` does): counting must never cost the resident the conversation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, DateTime, String, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from infobansos.storage.engine import Base, utcnow

CHECK_ID_MAX = 64
QUESTION_KEY_MAX = 40
# Rasa forgets the form after `session_expiration_time` (60 minutes, domain.yml): a check still
# open after that can no longer finish, so it counts as abandoned.
ABANDON_AFTER = dt.timedelta(minutes=60)
# The stop point of a check abandoned before its first question was asked.
BEFORE_FIRST_QUESTION = "sebelum_pertanyaan"


class CheckOutcome:
    """How a check ended; NULL while it runs."""

    DONE = "selesai"  # the resident got the result
    CANCELLED = "batal"  # /batal or "batal" during the check


class EligibilityCheck(Base):
    __tablename__ = "eligibility_check"

    check_id: Mapped[str] = mapped_column(String(CHECK_ID_MAX), primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    last_question: Mapped[str | None] = mapped_column(String(QUESTION_KEY_MAX))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(String(16))
    likely_programs: Mapped[list[str]] = mapped_column(JSON, default=list)  # program keys, result order


def _write(
    session: Session,
    check_id: str,
    started_at: dt.datetime,
    update: Mapping[str, Any],
    values: Mapping[str, Any],
    *,
    running_only: bool,
) -> None:
    """Insert the check with `values`; when it exists, apply `update` (only while it is still
    running, with `running_only`, so a finished or cancelled check keeps its outcome against a
    late "asked" or "cancel" from a retried action)."""
    identifier = check_id[:CHECK_ID_MAX]
    if not identifier:
        return  # no id (a tracker from before the check existed): nothing to count under
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(EligibilityCheck).values(check_id=identifier, started_at=started_at, **values)
    if not update:
        session.execute(statement.on_conflict_do_nothing(index_elements=["check_id"]))
        return
    where = EligibilityCheck.outcome.is_(None) if running_only else None
    session.execute(statement.on_conflict_do_update(index_elements=["check_id"], set_=dict(update), where=where))


def start_check(session: Session, check_id: str, now: dt.datetime) -> None:
    """A check began; starting the same check again (a replayed action) keeps the first start."""
    _write(session, check_id, now, {}, {"likely_programs": []}, running_only=True)


def asked(session: Session, check_id: str, question_key: str) -> None:
    """The check reached this question: where the resident stopped, if they go no further."""
    key = question_key[:QUESTION_KEY_MAX]
    values = {"last_question": key, "likely_programs": []}
    _write(session, check_id, utcnow(), {"last_question": key}, values, running_only=True)


def _program_keys(likely_programs: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(str(key) for key in likely_programs if key))


def finish_check(session: Session, check_id: str, likely_programs: Sequence[str], now: dt.datetime) -> None:
    """The resident got the result. A later result for the same check (after a correction)
    replaces the programs, and a result wins over an earlier cancel: the resident did finish."""
    fields = {"finished_at": now, "outcome": CheckOutcome.DONE, "likely_programs": _program_keys(likely_programs)}
    _write(session, check_id, now, fields, fields, running_only=False)


def cancel_check(session: Session, check_id: str, now: dt.datetime) -> None:
    """The resident cancelled; a cancel after the result (or a second cancel) changes nothing."""
    fields = {"finished_at": now, "outcome": CheckOutcome.CANCELLED}
    _write(session, check_id, now, fields, {**fields, "likely_programs": []}, running_only=True)


@dataclass(frozen=True)
class EligibilityFigures:
    """Checks started in a period, and what became of them.

    Every started check is exactly one of: completed (got the result), abandoned (cancelled, or
    still open `ABANDON_AFTER` after it started), or running (open, started less than that ago).
    """

    started: int = 0
    completed: int = 0
    abandoned: int = 0
    cancelled: int = 0  # the part of `abandoned` that said /batal
    stop_points: Mapping[str, int] = field(default_factory=dict)  # abandoned, by last question; most first
    likely: Mapping[str, int] = field(default_factory=dict)  # completed checks per likely program; most first

    @property
    def running(self) -> int:
        return self.started - self.completed - self.abandoned


def _ranked(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def eligibility_figures(
    session: Session,
    since: dt.datetime,
    until: dt.datetime,
    *,
    program: str | None = None,
    now: dt.datetime | None = None,
) -> EligibilityFigures:
    """Checks started in [since, until). `program` narrows only the likely-program counts (a
    check is about every program at once); `now` decides which open checks are abandoned."""
    cutoff = (now or utcnow()) - ABANDON_AFTER
    in_window = (EligibilityCheck.started_at >= since, EligibilityCheck.started_at < until)
    open_too_long = EligibilityCheck.outcome.is_(None) & (EligibilityCheck.started_at < cutoff)
    abandoned = (EligibilityCheck.outcome == CheckOutcome.CANCELLED) | open_too_long
    started, completed, cancelled, stale = session.execute(
        select(
            func.count(),
            func.count().filter(EligibilityCheck.outcome == CheckOutcome.DONE),
            func.count().filter(EligibilityCheck.outcome == CheckOutcome.CANCELLED),
            func.count().filter(open_too_long),
        ).where(*in_window)
    ).one()
    stops: Counter[str] = Counter()
    for question, count in session.execute(
        select(EligibilityCheck.last_question, func.count())
        .where(*in_window, abandoned)
        .group_by(EligibilityCheck.last_question)
    ).tuples():
        stops[question or BEFORE_FIRST_QUESTION] += count
    likely: Counter[str] = Counter()
    for programs in session.scalars(
        select(EligibilityCheck.likely_programs).where(*in_window, EligibilityCheck.outcome == CheckOutcome.DONE)
    ):
        likely.update(key for key in programs or () if program is None or key == program)
    return EligibilityFigures(started, completed, cancelled + stale, cancelled, _ranked(stops), _ranked(likely))
