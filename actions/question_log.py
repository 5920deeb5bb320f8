"""Writes what NLU understood and what the bot answered into the question log (`turn_log`),
with the confusion signals the action server can see (`confusion_signal`), and tells the bot
the same in the reply (`infobansos.question_log.summary`), so the bot never reads it back.

The bot writes the other half of the same row (redacted text, latency, feedback) under the turn
id it sent as message metadata; see `infobansos.question_log.turns`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from infobansos import protocol
from infobansos.question_log.rules import Signal, Understanding, understanding_signals
from infobansos.question_log.signals import ConfusionSignal, add_signal
from infobansos.question_log.summary import RankedIntent, TurnSummary
from infobansos.question_log.turns import upsert_turn
from infobansos.settings import get_settings
from infobansos.storage.engine import session_factory

logger = logging.getLogger(__name__)

RANKING_KEPT = 3


def turn_id(tracker: Tracker) -> str:
    """The bot's turn id; Rasa's own message id when the message came another way (e.g. `rasa shell`)."""
    metadata = tracker.latest_message.get("metadata") or {}
    return str(metadata.get(protocol.METADATA_TURN_ID) or tracker.latest_message.get("message_id") or "")


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
        "program": tracker.get_slot(protocol.PROGRAM),
        "answer_id": answer_id,
        "is_fallback": fallback or name == protocol.FALLBACK,
        "is_out_of_scope": name == protocol.OUT_OF_SCOPE,
    }


def summary_of(fields: dict[str, Any], private: bool = False) -> TurnSummary:
    """The part of `understanding` the bot needs, in the shape both sides agree on."""
    ranking = tuple(RankedIntent(r["intent"], r["confidence"]) for r in fields["ranking"] if r["intent"])
    return TurnSummary(fields["intent"], fields["confidence"], ranking, fields["program"], fields["answer_id"], private)


def sent_during_check(tracker: Tracker) -> bool:
    """Whether the resident's latest message arrived while the eligibility check was running.

    Every such message is treated as a check answer, side questions included: telling them apart
    would mean trusting NLU with the resident's privacy, and a side question lost from the log
    costs the analysts far less than a household's answers kept in it would cost the resident."""
    events = tracker.events
    last_user = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=None)
    if last_user is None:
        return False
    for event in reversed(events[:last_user]):
        if event.get("event") == "active_loop":
            return event.get("name") == protocol.ELIGIBILITY_FORM
    return False


async def finish_turn(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    answer_id: str | None,
    *,
    fallback: bool = False,
    signals: Sequence[Signal] = (),
    ask_feedback: bool = False,
) -> None:
    """Tell the bot what was understood (and whether to ask "did this help?") in one custom note,
    then store the turn. Every action that answers a resident ends here, so the bot always gets
    the note with the answer; the note goes first, as the database may fail."""
    fields = understanding(tracker, answer_id, fallback)
    note = summary_of(fields, private=sent_during_check(tracker)).to_json()
    if ask_feedback:
        note[protocol.ASK_FEEDBACK] = True  # the bot puts the 👍/👎 row under this answer (bot/feedback.py)
    dispatcher.utter_message(json_message=note)
    await asyncio.to_thread(record_turn, tracker, fields, signals)


def record_turn(tracker: Tracker, fields: dict[str, Any], signals: Sequence[Signal] = ()) -> None:
    """Store the turn and its confusion signals; a database problem must never cost the resident the answer.

    Several actions may run for one message (the status check), so a signal already stored
    for the turn is not stored twice.
    """
    identifier = turn_id(tracker)
    if not identifier:
        return
    understood = Understanding(fields["intent"], fields["confidence"], fields["is_fallback"], fields["is_out_of_scope"])
    try:
        with session_factory(get_settings().database_url).begin() as session:
            upsert_turn(session, identifier, tracker.sender_id, **fields)
            stored = set(
                session.execute(
                    select(ConfusionSignal.reason, ConfusionSignal.detail).where(ConfusionSignal.turn_id == identifier)
                ).tuples()
            )
            for reason, detail in [*understanding_signals(understood), *signals]:
                if (reason.value, detail) not in stored:
                    add_signal(session, identifier, tracker.sender_id, reason, detail)
                    stored.add((reason.value, detail))
    except (SQLAlchemyError, OSError):
        logger.exception("could not record the turn in the question log")
