"""What the action tests share: a tracker as Rasa would send it, and `action_answer` run on it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.content_answers import ActionAnswer


def tracker_for(
    intent: str | None,
    confidence: float = 0.97,
    sender: str = "u_test",
    slots: dict[str, Any] | None = None,
    ranking: list[dict[str, Any]] | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> Tracker:
    latest: dict[str, Any] = {
        "text": "apa itu DTKS?",
        "intent_ranking": ranking or [],
        "entities": entities or [],
        "metadata": {"turn_id": "turn0001"},
    }
    if intent:
        latest["intent"] = {"name": intent, "confidence": confidence}
    return Tracker(sender, slots or {}, latest, [], False, None, {}, "action_listen")


async def run(intent: str | None, **tracker_args: Any) -> CollectingDispatcher:
    dispatcher, _ = await run_with_events(intent, **tracker_args)
    return dispatcher


async def run_with_events(intent: str | None, **tracker_args: Any) -> tuple[CollectingDispatcher, list]:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, tracker_for(intent, **tracker_args), {})
    return dispatcher, events
