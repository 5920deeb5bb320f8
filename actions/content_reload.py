"""`action_reload_content`: staff's `/reload` reaches the action server through Rasa.

The bot asks Rasa to run this action (Rasa's `execute` API, which only the bot on 127.0.0.1 can
reach), so no rule or resident message can trigger it. It checks for a newly published revision
at once; before anything was published, it re-reads content/. The new content is loaded
completely before it replaces the old: a broken file leaves residents with the answers that worked.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.live_content import published_content
from infobansos import protocol
from infobansos.content.store import RELOAD_RESULT_KEY
from infobansos.content.templates import ContentError

logger = logging.getLogger(__name__)


def reload_content() -> int:
    """Load and check everything first, then swap it in; returns the number of answers."""
    return len(published_content().reload().store.answers)


class ActionReloadContent(Action):
    def name(self) -> str:
        return protocol.ACTION_RELOAD_CONTENT

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            answers = reload_content()
        except ContentError as exc:
            logger.warning("content not reloaded: %s", exc)
            dispatcher.utter_message(json_message={RELOAD_RESULT_KEY: {"ok": False, "error": str(exc)}})
            return []
        logger.info("content reloaded: %d answers", answers)
        dispatcher.utter_message(json_message={RELOAD_RESULT_KEY: {"ok": True, "answers": answers}})
        return []
