"""A question asked in the middle of the status check ("kenapa harus pakai NIK?", "bayar gak?"),
or small talk there ("oke makasih").

While the check waits for a number, every message is offered to it as the NIK or the KK. A
resident who asks something instead deserves the answer, not "saya belum menemukan nomor NIK":
- a question NLU recognises (or one it is unsure of, that asks) is answered from `content/` as
  anywhere else, and the check keeps waiting, with one line saying so;
- a question about the number itself ("nik yang mana? punya saya atau ibu saya", "saya ga hafal
  nik", "cek status kjp" again) gets the step explained again: which number, where it is, that it
  is not stored. NLU has no intent for these; they came back unsure or as `cek_status`.
A message with a number in it is always the number; one that asks nothing ("saya lupa") is refused.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.content_answers import choose_answer, content_store
from infobansos import protocol
from infobansos.privacy.references import refs_in
from nlu_components.normalizer import load_slang, normalise_token
from nlu_components.question_focus import load_focus_words

SIDE_QUESTION_INTENTS = frozenset(
    {
        *protocol.PROGRAM_QUESTIONS,
        protocol.PICK_PROGRAM,  # "kalau yang KLJ?": the last question again, for KLJ
        protocol.ASK_REGISTRY,
        protocol.ASK_OBJECTION,
        protocol.ASK_MOVING,
        protocol.ASK_CONTACT,
        protocol.ASK_FEES_AND_BROKERS,
        protocol.ASK_PRIVACY,
        # "oke makasih" while the KK is awaited: thanked back, not told "saya belum menemukan nomor KK"
        *protocol.SMALL_TALK,
    }
)
# An unsure or unrelated message that asks something gets the usual clarifying (or polite) answer.
UNSURE_INTENTS = frozenset({protocol.FALLBACK, protocol.OUT_OF_SCOPE})
# Words that name what the check asks for; a question with them is about this step, not a topic.
_ABOUT_THE_CHECK = re.compile(r"\b(?:nik|kk|ktp|e-?ktp|kartu keluarga|nomor induk|cek status|status)(?:nya)?\b")
# A yes/no question in chat often ends with a tag instead of "?": "bisa pakai kk aja ga".
_QUESTION_TAGS = frozenset({"ga", "gak", "nggak", "ngga", "enggak", "tidak", "kah", "kan", "bukan"})
# Rides on the answer message like status_check's key, so the turn is logged by the answer given.
ANSWER_KEY = "answer_id"


class SideTurn(Enum):
    """What a message without a number gets while the check waits for one."""

    ANSWER = "answer"  # the content answer, then "the check is still waiting"
    EXPLAIN = "explain"  # the step explained again (the prompt for the awaited number)


def asks(text: str) -> bool:
    """Whether the message asks something: a "?", a question word (`question_focus.yml`, after slang
    normalisation: "knp" is "kenapa"), or a closing tag such as "ga"."""
    if "?" in text:
        return True
    slang = load_slang()
    words = [normalise_token(token, slang) for token in re.findall(r"[\w-]+", text.lower())]
    question_words = load_focus_words().question
    return any(word in question_words for word in words) or bool(words and words[-1] in _QUESTION_TAGS)


def side_turn(slot_value: Any, tracker: Tracker) -> SideTurn | None:
    """How to treat a message that was offered to the check as its number; None when it is the
    number (or an attempt at one), or asks nothing, so the number check refuses it as before."""
    text = str(slot_value or "")
    if refs_in(text):
        return None
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent in SIDE_QUESTION_INTENTS:
        return SideTurn.ANSWER
    about_the_check = _ABOUT_THE_CHECK.search(text.lower()) is not None
    if intent == protocol.CHECK_STATUS and not any(ch.isdigit() for ch in text):
        return SideTurn.EXPLAIN  # "cek status kjp" again: the check is already waiting for it
    if intent in UNSURE_INTENTS and about_the_check:
        return SideTurn.EXPLAIN
    if intent in UNSURE_INTENTS and asks(text):
        return SideTurn.ANSWER
    return None


def answer_side_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The content answer to the question, marked with its id (the slot events are not kept: the
    check is still running, and its own slots decide what happens next)."""
    rendered, _ = choose_answer(content_store(), tracker)
    dispatcher.utter_message(
        text=rendered.text,
        buttons=[{"title": b.title, "payload": b.payload} for b in rendered.buttons],
        **{ANSWER_KEY: rendered.answer_id},
    )
