"""Helpers for the eligibility-check action tests: a tracker with the check waiting on a question."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility_content import answer_payload, slot_of
from actions.eligibility_form import ValidateKelayakanForm
from actions.live_content import published_content
from infobansos import protocol

SENDER = "u_kelayakan"


def asking(
    key: str | None,
    text: str,
    slots: dict[str, Any] | None = None,
    intent: str = "nlu_fallback",
    entities: list[dict[str, Any]] | None = None,
) -> Tracker:
    """The tracker as the form's validation sees it: `text` just typed while `key` is asked."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": [{"name": intent, "confidence": 0.9}],
        "entities": entities or [],
        "metadata": {"chat_type": "private", "turn_id": "turn-kelayakan"},
    }
    values = {protocol.ELIGIBILITY_ID_SLOT: "check-1", **(slots or {})}
    if key:
        values[protocol.REQUESTED_SLOT] = slot_of(key)
        values.setdefault(slot_of(key), text)  # from_text put the message in the asked slot
    return Tracker(SENDER, values, latest, [], False, None, {"name": protocol.ELIGIBILITY_FORM}, "action_listen")


def tap(key: str, asked: str, value: str, slots: dict[str, Any] | None = None) -> Tracker:
    """A button of question `key` pressed while `asked` is the question being asked."""
    payload = answer_payload(key, value)
    entity = {"entity": protocol.ELIGIBILITY_ANSWER, "value": f"{key}:{value}"}
    return asking(asked, payload, slots, intent=protocol.CHECK_ELIGIBILITY, entities=[entity])


async def validate(key: str, tracker: Tracker) -> tuple[dict[str, Any], list[str]]:
    """The form's reading of the message: the slots it sets and the texts the resident reads."""
    dispatcher = CollectingDispatcher()
    method = getattr(ValidateKelayakanForm(), f"validate_{slot_of(key)}")
    slots = await method(tracker.get_slot(slot_of(key)), dispatcher, tracker, {})
    return slots, [m["text"] for m in dispatcher.messages if m.get("text")]


def message(key: str, **context: Any) -> str:
    return published_content().current().message(key, **context)
