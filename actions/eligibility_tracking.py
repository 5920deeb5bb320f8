"""The eligibility check's counts for staff (started, each question reached, finished, cancelled).

Only the check's random id, times, the last question key and the likely program keys are stored
(`infobansos.eligibility.tracking`); never the sender, the answers or any text. Counting is worth
less than the conversation, so a database problem (or the tracking tables missing from an older
deployment) is logged and swallowed, like the question log (`actions/question_log.py`).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from infobansos.settings import get_settings
from infobansos.storage.engine import session_factory, utcnow

logger = logging.getLogger(__name__)

CHECK_ID_BYTES = 12  # 16 URL-safe characters: unique enough, and no link to anyone


def new_check_id() -> str:
    """A fresh opaque id for one check; random, so it says nothing about who is checking."""
    return secrets.token_urlsafe(CHECK_ID_BYTES)


def _tracking() -> Any | None:
    """The tracking module; imported late so that the conversation works while it is missing."""
    try:
        from infobansos.eligibility import tracking
    except ImportError:
        logger.warning("eligibility tracking is not installed; the check is not counted")
        return None
    return tracking


def _write(step: Callable[[Any, Session], None]) -> None:
    tracking = _tracking()
    if tracking is None:
        return
    try:
        with session_factory(get_settings().database_url).begin() as session:
            step(tracking, session)
    except (SQLAlchemyError, OSError):
        logger.exception("could not count the eligibility check")


async def _run(step: Callable[[Any, Session], None], check_id: str | None) -> None:
    if check_id:  # no id: a conversation from before the check started (nothing to count under)
        await asyncio.to_thread(_write, step)


async def track_start(check_id: str | None) -> None:
    await _run(lambda tracking, session: tracking.start_check(session, check_id, utcnow()), check_id)


async def track_question(check_id: str | None, question_key: str) -> None:
    await _run(lambda tracking, session: tracking.asked(session, check_id, question_key), check_id)


async def track_finish(check_id: str | None, likely_programs: Sequence[str]) -> None:
    programs = list(likely_programs)
    await _run(lambda tracking, session: tracking.finish_check(session, check_id, programs, utcnow()), check_id)


async def track_cancel(check_id: str | None) -> None:
    await _run(lambda tracking, session: tracking.cancel_check(session, check_id, utcnow()), check_id)
