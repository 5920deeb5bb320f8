"""Writes what the bot answered to the database, for the analysts' question log."""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError

from infobansos.db import AnswerLog, session_factory
from infobansos.settings import get_settings

logger = logging.getLogger(__name__)


def record_answer(
    sender: str, intent: str | None, confidence: float | None, answer_id: str | None, program: str | None = None
) -> None:
    """Store one answer; a database problem must never stop the resident getting the answer."""
    try:
        with session_factory(get_settings().database_url).begin() as session:
            session.add(
                AnswerLog(sender=sender, intent=intent, confidence=confidence, answer_id=answer_id, program=program)
            )
    except (SQLAlchemyError, OSError):
        logger.exception("could not record the answer in the database")
