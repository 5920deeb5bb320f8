"""The eligibility check's steps around the form: start, each question, the result, cancelling.

The answers are held only in the conversation's slots and forgotten when the check ends (result
or /batal). Staff see only counts (`eligibility_tracking`); the question log gets the start (what
NLU understood of "apakah saya berhak?") and questions asked on the side, never an answer.
"""

from __future__ import annotations

from abc import ABC, ABCMeta, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.content_answers import content_store
from actions.eligibility_content import (
    answers_from_slots,
    question_for,
    question_message,
    slot_of,
)
from actions.eligibility_tracking import new_check_id, track_cancel, track_finish, track_question, track_start
from actions.question_log import finish_turn, sent_during_check
from infobansos import protocol
from infobansos.content.files import Button
from infobansos.eligibility import evaluate, render_result

LIKELY = "mungkin"  # the verdict "kemungkinan memenuhi syarat", counted for staff
START_ANSWER_ID = "kelayakan:mulai"
# What the question log records as the answer to a message inside the check (its text never).
QUESTION_ANSWER_ID = "kelayakan:{key}"
RESULT_ANSWER_ID = "kelayakan:hasil"
CANCEL_ANSWER_ID = "kelayakan:batal"


def forget_answers() -> list[dict[str, Any]]:
    """Every answer of the check, and the choices in progress, cleared."""
    slots = [slot_of(key) for key in protocol.ELIGIBILITY_KEYS]
    return [SlotSet(slot, None) for slot in (*slots, protocol.ELIGIBILITY_CHOSEN_SLOT)]


def send(dispatcher: CollectingDispatcher, text: str, buttons: tuple[Button, ...] = ()) -> None:
    dispatcher.utter_message(text=text, buttons=[{"title": b.title, "payload": b.payload} for b in buttons])


class ActionKelayakanStart(Action):
    """Begins a new check: earlier answers forgotten, a new random id, and what to expect."""

    def name(self) -> str:
        return protocol.ACTION_ELIGIBILITY_START

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        check_id = new_check_id()
        send(dispatcher, content_store().message("kelayakan_intro"))
        await finish_turn(dispatcher, tracker, START_ANSWER_ID)
        await track_start(check_id)
        # The form follows from here, not only by the rule: `action_answer` starts the check too,
        # for "bansos apa yang cocok buat ibu saya", which NLU reads as a programs question.
        return [
            *forget_answers(),
            SlotSet(protocol.ELIGIBILITY_ID_SLOT, check_id),
            FollowupAction(protocol.ELIGIBILITY_FORM),
        ]


class AskEligibilityQuestion(Action, ABC):
    """`action_ask_kelayakan_<key>`: one question, with its options as buttons (one class per key
    below, since Rasa finds the asking action by the slot's name)."""

    @property
    @abstractmethod
    def key(self) -> str:
        """The question key this action asks."""

    def name(self) -> str:
        return protocol.ACTION_ELIGIBILITY_ASK_PREFIX + slot_of(self.key)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        store = content_store()
        question = question_for(store.eligibility, self.key)
        if question is None:
            return []
        chosen = tracker.get_slot(protocol.ELIGIBILITY_CHOSEN_SLOT) if question.multi else None
        text, buttons = question_message(store, question, chosen or ())
        send(dispatcher, text, buttons)
        if sent_during_check(tracker):
            # The bot logs every message; this note tells it to keep a placeholder, not the answer.
            # On the first question the start's note already went out, for the resident's question.
            await finish_turn(dispatcher, tracker, QUESTION_ANSWER_ID.format(key=self.key))
        await track_question(tracker.get_slot(protocol.ELIGIBILITY_ID_SLOT), self.key)
        return []


def _asking_action(key: str) -> type[AskEligibilityQuestion]:
    """The asking action of one question, a module-level class: rasa-sdk pickles the actions it
    registers, which needs a name it can look up here."""
    name = f"AskKelayakan_{key}"
    attributes = {"key": key, "__module__": __name__, "__qualname__": name, "__doc__": f"Asks `{key}`."}
    action = ABCMeta(name, (AskEligibilityQuestion,), attributes)
    globals()[name] = action
    return action


# One asking action per question key, all the same code.
ASK_ACTIONS = {key: _asking_action(key) for key in protocol.ELIGIBILITY_KEYS}


class ActionKelayakanResult(Action):
    """Every program's likely verdict with its reason and next steps, then the answers forgotten."""

    def name(self) -> str:
        return protocol.ACTION_ELIGIBILITY_RESULT

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        store = content_store()
        rules = store.eligibility
        results = evaluate(rules, answers_from_slots(rules, tracker.slots))
        names = {key: program.name for key, program in store.programs.items()}
        rendered = render_result(rules, results, names)
        send(dispatcher, rendered.text, tuple(rendered.buttons))
        await finish_turn(dispatcher, tracker, RESULT_ANSWER_ID, ask_feedback=True)
        likely = [result.program for result in results if result.verdict == LIKELY]
        await track_finish(tracker.get_slot(protocol.ELIGIBILITY_ID_SLOT), likely)
        return [*forget_answers(), SlotSet(protocol.ELIGIBILITY_ID_SLOT, None)]


class ActionKelayakanCancel(Action):
    """/batal during the check: stop, and forget the answers."""

    def name(self) -> str:
        return protocol.ACTION_ELIGIBILITY_CANCEL

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        send(dispatcher, content_store().message("kelayakan_cancelled"))
        await finish_turn(dispatcher, tracker, CANCEL_ANSWER_ID)
        await track_cancel(tracker.get_slot(protocol.ELIGIBILITY_ID_SLOT))
        return [*forget_answers(), SlotSet(protocol.ELIGIBILITY_ID_SLOT, None)]
