"""What the status check says, in the staff's words from `content/status.yml`.

Kept apart from the conversation steps (`status_check.py`) so that each stays short.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from infobansos.content.status import StatusContent, load_status_content
from infobansos.content.store import load_content
from infobansos.jakarta_time import wib_clock
from infobansos.settings import get_settings
from infobansos.status.limits import LOOKUPS_PER_HOUR, Block, LimitState
from infobansos.status.models import StatusApplication

STATUS_KEY = "status_key"


@lru_cache(maxsize=1)
def status_content() -> StatusContent:
    return load_status_content(get_settings().content_dir)


@lru_cache(maxsize=1)
def program_names() -> dict[str, str]:
    return {key: program.name for key, program in load_content(get_settings().content_dir).programs.items()}


def explained(applications: list[StatusApplication]) -> list[dict[str, Any]]:
    """Each application with the staff's words for its program and status (`content/status.yml`)."""
    content, names = status_content(), program_names()
    return [
        {
            "program_name": names.get(a.program, a.program),
            "label": content.statuses[a.status].label,
            "meaning": content.statuses[a.status].meaning,
            "next_step": content.statuses[a.status].next_step,
            "where": content.statuses[a.status].where,
            "reason": a.reason,
            "updated_on": a.updated_on,
        }
        for a in applications
    ]


def say(dispatcher: CollectingDispatcher, key: str, **context: Any) -> None:
    # The key rides along (Rasa ignores it on the way to the bot) so the turn can be logged by it.
    dispatcher.utter_message(text=status_content().message(key, **context), **{STATUS_KEY: key})


def say_blocked(dispatcher: CollectingDispatcher, state: LimitState) -> None:
    until = wib_clock(state.until) if state.until else ""
    if state.block == Block.LOCKED:
        say(dispatcher, "locked", until=until)
    else:
        say(dispatcher, "too_many", until=until, limit=LOOKUPS_PER_HOUR)
