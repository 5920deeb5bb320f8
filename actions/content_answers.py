"""`action_answer`: answers the resident from `content/` for the intent NLU recognised.

One generic action instead of one per topic: staff add or change answers in YAML and the
dialogue rules stay the same.
"""

from __future__ import annotations

import asyncio
import logging
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_log import record_answer
from infobansos.content import ContentStore, load_content
from infobansos.settings import get_settings

logger = logging.getLogger(__name__)

FALLBACK_INTENT = "nlu_fallback"


@lru_cache(maxsize=1)
def content_store() -> ContentStore:
    """Loaded once per process: a restart of the action server picks up edited content."""
    return load_content(get_settings().content_dir)


class ActionAnswer(Action):
    """Render the content entry for the latest intent (and program, when one is known)."""

    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intent = tracker.latest_message.get("intent", {}) or {}
        intent_name = intent.get("name") or FALLBACK_INTENT
        store = content_store()
        answer = store.answer_for(intent_name) or store.answer_for(FALLBACK_INTENT)
        if answer is None:
            # check-content forbids this; log loudly rather than leave the resident in silence.
            logger.error("no content for intent %s and no fallback answer", intent_name)
            return []
        rendered = store.render(answer)
        dispatcher.utter_message(
            text=rendered.text,
            buttons=[{"title": b.title, "payload": b.payload} for b in rendered.buttons],
        )
        await asyncio.to_thread(
            record_answer, tracker.sender_id, intent_name, intent.get("confidence"), rendered.answer_id
        )
        return []
