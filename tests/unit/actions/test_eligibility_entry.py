"""Issue 16 point 1: "bansos apa yang cocok buat ibu saya" starts the eligibility check.

NLU reads such a message as a general programs question (tanya_program), where most of its
training examples are; `action_answer` hands it to the check when it carries one of the
content's entry words and names no program."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.content_answers import ActionAnswer
from actions.eligibility_steps import ActionKelayakanStart
from infobansos import protocol

KLJ = [{"entity": protocol.PROGRAM, "value": "klj", "start": 25, "end": 28}]


def asked(
    text: str,
    intent: str = protocol.ASK_PROGRAM,
    entities: list | None = None,
    loop: str | None = None,
    ranking: tuple[str, ...] = (),
) -> Tracker:
    latest: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.64},
        "intent_ranking": [{"name": name, "confidence": 0.4} for name in ranking],
        "entities": entities or [],
        "metadata": {"turn_id": "turn0001"},
    }
    active_loop = {"name": loop} if loop else {}
    return Tracker("u_test", {}, latest, [], False, None, active_loop, "action_listen")


async def answer(tracker: Tracker) -> tuple[CollectingDispatcher, list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    return dispatcher, await ActionAnswer().run(dispatcher, tracker, {})


@pytest.mark.parametrize(
    "text", ["bansos apa yang cocok buat ibu saya", "saya bisa dapat bantuan apa aja", "keluarga sy berhak bansos apa"]
)
async def test_which_aid_fits_my_household_starts_the_check(text: str) -> None:
    dispatcher, events = await answer(asked(text))
    assert events == [{"event": "followup", "name": protocol.ACTION_ELIGIBILITY_START, "timestamp": None}]
    assert dispatcher.messages == [], "the check's first question is the answer, not the programs list"


@pytest.mark.parametrize("runner_up", [protocol.ASK_PROGRAM, protocol.CHECK_ELIGIBILITY])
async def test_an_unsure_reading_between_the_overview_and_the_check_starts_the_check_too(runner_up: str) -> None:
    """NLU unsure between "which programs?" and the check: "belum paham" would be the worst answer."""
    ranking = (protocol.FALLBACK, protocol.ASK_REQUIREMENTS, runner_up)
    _, events = await answer(asked("bansos apa yang cocok buat ibu saya", intent=protocol.FALLBACK, ranking=ranking))
    assert {"event": "followup", "name": protocol.ACTION_ELIGIBILITY_START, "timestamp": None} in events


@pytest.mark.parametrize(
    ("tracker", "why"),
    [
        (asked("bansos di jakarta apa aja"), "a plain overview question gets the overview"),
        (asked("apakah nenek saya cocok dapat klj", entities=KLJ), "a named program gets that program's answer"),
        (asked("syarat yang cocok apa", intent=protocol.ASK_REQUIREMENTS), "only the programs question is taken"),
        (asked("bansos apa yang cocok", loop=protocol.STATUS_FORM), "a side question keeps the form running"),
        (
            asked("yang cocok kapan cair", intent=protocol.FALLBACK, ranking=("tanya_jadwal_cair", "tanya_syarat")),
            "an unsure message about something else is asked back",
        ),
    ],
)
async def test_other_questions_keep_their_answer(tracker: Tracker, why: str) -> None:
    dispatcher, events = await answer(tracker)
    assert not [e for e in events if e.get("event") == "followup"], why
    assert dispatcher.messages and dispatcher.messages[0]["text"], why


async def test_the_start_hands_over_to_the_form_whoever_started_it() -> None:
    events = await ActionKelayakanStart().run(CollectingDispatcher(), asked("bansos apa yang cocok buat saya"), {})
    assert {"event": "followup", "name": protocol.ELIGIBILITY_FORM, "timestamp": None} in events
