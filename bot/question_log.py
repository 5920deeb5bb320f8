"""The bot's half of the question log: the redacted text, the outcome, the latency, the 👍/👎,
and the confusion signals only the conversation shows (rephrase, correction, 👎).

The action server writes what NLU understood into the same row (see `infobansos.question_log.turns`)
and tells the bot the same in its reply (`bot.turn_memory`): the bot writes here, and does not
read the action server's half back. A database problem is logged and swallowed: the resident's
answer matters more than the log.
"""

from __future__ import annotations

import logging
import secrets
import string

from sqlalchemy.exc import SQLAlchemyError

from infobansos.content.store import CorrectionWords
from infobansos.privacy.redaction import CHECK_ANSWER_PLACEHOLDER, redact_personal_data
from infobansos.question_log.rules import EarlierTurn, conversation_signals, within_rephrase_window
from infobansos.question_log.signals import Reason, add_signal
from infobansos.question_log.turns import FEEDBACK_DOWN, record_feedback, upsert_turn
from infobansos.storage.engine import session_factory, utcnow

logger = logging.getLogger(__name__)

TURN_ID_CHARS = 16  # 26**16 ids: unique enough, and short enough for a button's callback data


def new_turn_id() -> str:
    """Letters only: a random id must never look like a NIK or phone number to a scan or a reader."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(TURN_ID_CHARS))


def log_turn(
    database_url: str,
    turn_id: str,
    sender: str,
    *,
    chat_type: str,
    text: str,
    outcome: str,
    latency_ms: int,
    corrections: CorrectionWords,
    intent: str | None,
    previous: EarlierTurn | None,
    private: bool = False,
) -> EarlierTurn:
    """Write the bot's half of the turn, with the signals only the conversation shows
    (`rules.conversation_signals`); returns this turn as the next one's `previous`.

    A `private` turn (an answer inside the eligibility self-check, as the action server's note
    says) is stored as a placeholder with no signals: "eh salah, anak saya SMA" corrects the
    resident's own answer, not the bot's.

    `intent` is the action server's reading, from its reply; `previous` is the resident's last
    message as the bot remembers it (`bot.turn_memory.LastTurns`), not as the database has it."""
    redacted = CHECK_ANSWER_PLACEHOLDER if private else redact_personal_data(text)
    now = utcnow()
    this_turn = EarlierTurn(turn_id, redacted, intent, now)
    try:
        with session_factory(database_url).begin() as session:
            fields = {"chat_type": chat_type, "text": redacted, "outcome": outcome, "latency_ms": latency_ms}
            upsert_turn(session, turn_id, sender, **fields)
            earlier = within_rephrase_window(previous, now)
            signals = [] if private else conversation_signals(earlier, redacted, intent, corrections)
            for reason, detail in signals:
                add_signal(session, turn_id, sender, reason, detail)
    except (SQLAlchemyError, OSError):
        logger.exception("could not record the turn in the question log")
    return this_turn


def save_feedback(database_url: str, turn_id: str, sender: str, value: int) -> bool:
    """Store the rating on the resident's own turn; False if there is no such turn (or no database).

    Only writes: what to suggest after a 👎 comes from the bot's memory (`bot.turn_memory`).
    """
    try:
        with session_factory(database_url).begin() as session:
            if not record_feedback(session, turn_id, sender, value):
                return False
            if value == FEEDBACK_DOWN:
                add_signal(session, turn_id, sender, Reason.THUMBS_DOWN)
            return True
    except (SQLAlchemyError, OSError):
        logger.exception("could not store the resident's feedback")
        return False
