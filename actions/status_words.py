"""What the status check says, in the staff's words from `content/status.yml`.

Kept apart from the conversation steps (`status_check.py`) so that each stays short.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.live_content import content_snapshot
from infobansos.content.status import StatusContent
from infobansos.jakarta_time import wib_clock
from infobansos.status.limits import LOOKUPS_PER_HOUR, Block, LimitState
from infobansos.status.models import StatusApplication

STATUS_KEY = "status_key"


def status_content() -> StatusContent:
    """The status check's words in the newest published content."""
    return content_snapshot().status


def program_names() -> dict[str, str]:
    return {key: program.name for key, program in content_snapshot().store.programs.items()}


def explained(applications: list[StatusApplication]) -> list[dict[str, Any]]:
    """Each application with the staff's words for its program and status (`content/status.yml`)."""
    snapshot = content_snapshot()  # the words and the program names of one revision
    content = snapshot.status
    names = {key: program.name for key, program in snapshot.store.programs.items()}
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
