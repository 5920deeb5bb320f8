"""The bot's half of the question log: the redacted text, the outcome, the latency, the 👍/👎.

The action server writes what NLU understood into the same row (see `infobansos.turn_log`).
A database problem is logged and swallowed: the resident's answer matters more than the log.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from infobansos.db import session_factory
from infobansos.privacy import redact_personal_data
from infobansos.turn_log import TurnLog, record_feedback, upsert_turn

logger = logging.getLogger(__name__)

TURN_ID_BYTES = 8  # 16 hex characters: unique enough, and short enough for a button's callback data


@dataclass(frozen=True)
class RatedTurn:
    """What the bot needs to suggest other topics after a 👎."""

    intent: str | None
    program: str | None
    ranked_intents: tuple[str, ...]


def new_turn_id() -> str:
    return secrets.token_hex(TURN_ID_BYTES)


def log_turn(
    database_url: str, turn_id: str, sender: str, *, chat_type: str, text: str, outcome: str, latency_ms: int
) -> None:
    try:
        with session_factory(database_url).begin() as session:
            upsert_turn(
                session,
                turn_id,
                sender,
                chat_type=chat_type,
                text=redact_personal_data(text),
                outcome=outcome,
                latency_ms=latency_ms,
            )
    except (SQLAlchemyError, OSError):
        logger.exception("could not record the turn in the question log")


def save_feedback(database_url: str, turn_id: str, sender: str, value: int) -> RatedTurn | None:
    """Store the rating on the resident's own turn; None if there is no such turn (or no database)."""
    try:
        with session_factory(database_url).begin() as session:
            if not record_feedback(session, turn_id, sender, value):
                return None
            turn = session.scalars(select(TurnLog).where(TurnLog.turn_id == turn_id)).one()
            ranked = tuple(str(r.get("intent")) for r in turn.ranking or [] if isinstance(r, dict))
            return RatedTurn(turn.intent, turn.program, ranked)
    except (SQLAlchemyError, OSError):
        logger.exception("could not store the resident's feedback")
        return None
