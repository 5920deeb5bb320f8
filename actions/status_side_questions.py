"""A question asked in the middle of the status check ("kenapa harus pakai NIK?", "bayar gak?"),
or small talk there ("oke makasih").

While the check waits for a number, every message is offered to it as the NIK or the KK. A
resident who asks something instead deserves the answer, not "saya belum menemukan nomor NIK":
the question is answered from `content/` as anywhere else, and the check keeps waiting, with
one line saying so. A message with a number in it is always the number.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.content_answers import choose_answer, content_store
from infobansos import protocol
from infobansos.privacy.references import refs_in

SIDE_QUESTION_INTENTS = frozenset(
    {
        *protocol.PROGRAM_QUESTIONS,
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
# Rides on the answer message like status_check's key, so the turn is logged by the answer given.
ANSWER_KEY = "answer_id"


def is_side_question(slot_value: Any, tracker: Tracker) -> bool:
    """A recognised question, or a question NLU is unsure of ("harus pake nik ya? buat apa?"), with no
    number in it. An unsure message that asks nothing ("saya lupa") is still refused as no number."""
    text = str(slot_value or "")
    if refs_in(text):
        return False
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    return intent in SIDE_QUESTION_INTENTS or (intent in UNSURE_INTENTS and "?" in text)


def answer_side_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The content answer to the question, marked with its id (the slot events are not kept: the
    check is still running, and its own slots decide what happens next)."""
    rendered, _ = choose_answer(content_store(), tracker)
    dispatcher.utter_message(
        text=rendered.text,
        buttons=[{"title": b.title, "payload": b.payload} for b in rendered.buttons],
        **{ANSWER_KEY: rendered.answer_id},
    )
