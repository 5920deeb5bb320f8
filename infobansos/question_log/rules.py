"""Every rule that flags a confusion signal, as pure functions.

The action server sees what NLU understood and what the status check said; the bot sees the
conversation (the same question again, "bukan itu", a 👎). Both halves, and the demo data that
imitates them (`devtools/demo`), call these functions, so the report's figures and the demo's
cannot drift apart. No database here: callers store what these return (`signals.add_signal`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from infobansos import protocol
from infobansos.content.store import CorrectionWords
from infobansos.question_log.signals import Reason

Signal = tuple[Reason, str | None]

LOW_CONFIDENCE = 0.5  # below this the answer is a guess, even when no fallback was triggered
REPHRASE_WINDOW = dt.timedelta(minutes=3)
REPHRASE_WORD_OVERLAP = 0.5
REPHRASE_LETTERS = 0.75
# Status check messages that mean the resident got no answer (content/status.yml keys).
# "not_found" and "wrong_kk" were merged into "no_match" (issue 13) and stay for older log rows.
FAILED_CHECK_KEYS = frozenset(
    {
        *("no_match", "nik_locked", "budget_spent", "not_found", "wrong_kk"),
        *("locked", "too_many", "bad_length", "bad_province", "bad_date", "no_number"),
    }
)
# "halo" twice is no confusion, and neither is a KK typed right after a NIK ("[NIK]" twice).
NOT_A_REPHRASE = protocol.SMALL_TALK | protocol.STATUS_CHECK


@dataclass(frozen=True)
class Understanding:
    """What NLU made of one message, as the action server logs it."""

    intent: str | None
    confidence: float | None
    is_fallback: bool = False
    is_out_of_scope: bool = False


@dataclass(frozen=True)
class EarlierTurn:
    """The same resident's previous message, as far as the conversation rules need it."""

    turn_id: str
    text: str | None
    intent: str | None
    created_at: dt.datetime


def understanding_signals(understood: Understanding) -> list[Signal]:
    """What NLU's own figures say about the turn: unsure, off topic, or asking for a person."""
    signals: list[Signal] = []
    confidence = understood.confidence
    if understood.is_fallback or (confidence is not None and confidence < LOW_CONFIDENCE):
        signals.append((Reason.LOW_CONFIDENCE, f"{understood.intent} {confidence or 0:.2f}"))
    if understood.is_out_of_scope:
        signals.append((Reason.OUT_OF_SCOPE, None))
    if understood.intent == protocol.ASK_CONTACT:
        signals.append((Reason.HUMAN_REQUEST, None))
    return signals


def status_signals(status_keys: Iterable[str]) -> list[Signal]:
    """A status check that refused or failed (not found, wrong KK, locked, a bad number…)."""
    return [(Reason.STATUS_FAILED, key) for key in status_keys if key in FAILED_CHECK_KEYS]


def within_rephrase_window(previous: EarlierTurn | None, now: dt.datetime) -> EarlierTurn | None:
    """The previous turn if it is recent enough to be the question asked again, else None."""
    return previous if previous is not None and now - previous.created_at <= REPHRASE_WINDOW else None


def conversation_signals(
    previous: EarlierTurn | None, text: str, intent: str | None, words: CorrectionWords
) -> list[Signal]:
    """Signals only the conversation shows: asking the same again soon, or saying the answer missed.

    `previous` is the same resident's last turn within the rephrase window (`within_rephrase_window`);
    `text` is the redacted message and `intent` what NLU made of it, when known.
    """
    if text.startswith(protocol.PAYLOAD_PREFIX):
        return []  # a button press is a choice, not a rephrased question
    signals: list[Signal] = []
    if (
        previous is not None
        and previous.text
        and not previous.text.startswith(protocol.PAYLOAD_PREFIX)
        and previous.intent not in NOT_A_REPHRASE
        and intent not in protocol.STATUS_CHECK
        and similar(previous.text, text)
    ):
        signals.append((Reason.REPHRASE, previous.turn_id))
    if is_correction(text, words):
        signals.append((Reason.CORRECTION, previous.intent if previous else None))
    return signals


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def is_correction(text: str, words: CorrectionWords) -> bool:
    """ "bukan itu", "jawabannya salah"…, or a message that is only "salah"."""
    normal = " ".join(_words(text))
    if normal in words.whole_message:
        return True
    return any(re.search(rf"\b{re.escape(phrase)}\b", normal) for phrase in words.anywhere)


def similar(a: str, b: str) -> bool:
    """Roughly the same question: most words shared, or nearly the same letters (typos, reordering)."""
    first, second = set(_words(a)), set(_words(b))
    if not first or not second:
        return False
    overlap = len(first & second) / len(first | second)
    return overlap >= REPHRASE_WORD_OVERLAP or SequenceMatcher(None, a.lower(), b.lower()).ratio() >= REPHRASE_LETTERS
