"""A question asked in the middle of the status check ("kenapa harus pakai NIK?", "bayar gak?").

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
from infobansos.content import PROGRAM_QUESTION_INTENTS
from infobansos.identity_refs import refs_in

SIDE_QUESTION_INTENTS = frozenset(
    {*PROGRAM_QUESTION_INTENTS, "tanya_dtks", "tanya_sanggah", "tanya_pindah", "tanya_kontak", "tanya_biaya_calo",
     "tanya_privasi"}
)  # fmt: skip
# Rides on the answer message like status_check's key, so the turn is logged by the answer given.
ANSWER_KEY = "answer_id"


def is_side_question(slot_value: Any, tracker: Tracker) -> bool:
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    return intent in SIDE_QUESTION_INTENTS and not refs_in(str(slot_value or ""))


def answer_side_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The content answer to the question, marked with its id (the slot events are not kept: the
    check is still running, and its own slots decide what happens next)."""
    rendered, _ = choose_answer(content_store(), tracker)
    dispatcher.utter_message(
        text=rendered.text,
        buttons=[{"title": b.title, "payload": b.payload} for b in rendered.buttons],
        **{ANSWER_KEY: rendered.answer_id},
    )
