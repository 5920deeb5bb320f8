"""Writes what NLU understood and what the bot answered into the question log (`turn_log`).

The bot writes the other half of the same row (redacted text, latency, feedback) under the turn
id it sent as message metadata; see `infobansos.turn_log`.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from sqlalchemy.exc import SQLAlchemyError

from infobansos.db import session_factory
from infobansos.settings import get_settings
from infobansos.turn_log import upsert_turn

logger = logging.getLogger(__name__)

FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE_INTENT = "out_of_scope"
RANKING_KEPT = 3
PROGRAM_SLOT = "program"


def turn_id(tracker: Tracker) -> str:
    """The bot's turn id; Rasa's own message id when the message came another way (e.g. `rasa shell`)."""
    metadata = tracker.latest_message.get("metadata") or {}
    return str(metadata.get("turn_id") or tracker.latest_message.get("message_id") or "")


def understanding(tracker: Tracker, answer_id: str | None, fallback: bool = False) -> dict[str, Any]:
    """The NLU half of a turn: intent, confidence, top-3 ranking, program, answer, flags."""
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    ranking = [
        {"intent": r.get("name"), "confidence": round(float(r.get("confidence") or 0), 4)}
        for r in (tracker.latest_message.get("intent_ranking") or [])[:RANKING_KEPT]
    ]
    return {
        "intent": name,
        "confidence": intent.get("confidence"),
        "ranking": ranking,
        "program": tracker.get_slot(PROGRAM_SLOT),
        "answer_id": answer_id,
        "is_fallback": fallback or name == FALLBACK_INTENT,
        "is_out_of_scope": name == OUT_OF_SCOPE_INTENT,
    }


def record_turn(tracker: Tracker, answer_id: str | None, fallback: bool = False) -> None:
    """Store the turn; a database problem must never stop the resident getting the answer."""
    identifier = turn_id(tracker)
    if not identifier:
        return
    try:
        with session_factory(get_settings().database_url).begin() as session:
            upsert_turn(session, identifier, tracker.sender_id, **understanding(tracker, answer_id, fallback))
    except (SQLAlchemyError, OSError):
        logger.exception("could not record the turn in the question log")
