"""`validate_kelayakan_form`: what each message during the eligibility check means.

Every message while a question waits lands in that question's slot (`from_text` in domain.yml),
and is read here, in this order:
1. a button of the check: its option is checked against the question's own options. A button of
   an earlier question (scrolled back to) changes that earlier answer;
2. a correction of an earlier answer ("eh salah, anak saya SMA", the engine's `find_correction`);
3. an answer to the question (the engine's `parse_answer`: slang and "tidak tahu" understood);
4. a question about something else ("syarat KLJ apa?"): answered from content, then the check goes
   on with the same question (the same rules as during the status check);
5. "ulang dari awal" (NLU reads it as `cek_kelayakan`): every answer is forgotten;
6. anything else: "belum paham", and the question again.
"batal" (NLU's `batal`) is rejected before all this, so that the rule for cancelling runs; "skip",
which NLU reads the same way, only skips the question.

Which questions are asked is the engine's `next_question`, so `required_slots` is the answered
questions plus the next relevant one: the form stops when the engine has nothing left to ask.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.content_answers import content_store
from actions.eligibility_content import (
    DONE,
    NONE_OF_THESE,
    Answer,
    answers_from_slots,
    option_values,
    question_for,
    slot_of,
    slot_value,
    tapped_answer,
    valid_answer,
)
from actions.question_log import finish_turn
from actions.status_side_questions import (
    ANSWER_KEY,
    SIDE_QUESTION_INTENTS,
    UNSURE_INTENTS,
    answer_side_question,
    asks,
)
from infobansos import protocol
from infobansos.content.store import ContentStore
from infobansos.eligibility import UNKNOWN, EligibilityRules, Question, find_correction, next_question, parse_answer

Slots = dict[str, Any]


def _say(dispatcher: CollectingDispatcher, store: ContentStore, key: str) -> None:
    dispatcher.utter_message(text=store.message(key))


def filled(question: Question, answer: Answer) -> Slots:
    """The question answered; the choices kept for a multi-choice question are done with."""
    return {slot_of(question.key): slot_value(question, answer), protocol.ELIGIBILITY_CHOSEN_SLOT: None}


def chosen_so_far(tracker: Tracker) -> list[str]:
    chosen = tracker.get_slot(protocol.ELIGIBILITY_CHOSEN_SLOT)
    return [value for value in chosen if isinstance(value, str)] if isinstance(chosen, list) else []


def with_chosen(question: Question, answer: Answer, chosen: list[str]) -> Answer:
    """A typed answer to a multi-choice question adds to what was tapped before it."""
    if not question.multi or not chosen:
        return answer
    if answer == UNKNOWN or answer == (NONE_OF_THESE,):
        return tuple(chosen)
    return tuple(dict.fromkeys([*chosen, *(answer if isinstance(answer, tuple) else (answer,))]))


def tapped(question: Question, value: str, chosen: list[str]) -> Slots | None:
    """A button of the question being asked; None when its value is not one this question has."""
    if value == UNKNOWN:
        return filled(question, tuple(chosen) if chosen else UNKNOWN)
    if question.multi and value == DONE:
        return filled(question, tuple(chosen)) if chosen else {slot_of(question.key): None}
    if value not in option_values(question):
        return None
    if not question.multi:
        return filled(question, value)
    if value == NONE_OF_THESE:
        return filled(question, (NONE_OF_THESE,))
    # One more choice (a second tap takes it back); the question stays open until "Sudah, lanjut".
    toggled = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
    return {slot_of(question.key): None, protocol.ELIGIBILITY_CHOSEN_SLOT: toggled}


def earlier_button(rules: EligibilityRules, key: str, value: str, tracker: Tracker) -> Slots | None:
    """A button of another question, from an earlier message: that answer is changed."""
    question = question_for(rules, key)
    if question is None or value == DONE:
        return None
    answer = valid_answer(question, [value] if question.multi and value != UNKNOWN else value)
    return None if answer is None else {slot_of(key): slot_value(question, answer)}


def correction(rules: EligibilityRules, text: str, asking: Question, tracker: Tracker) -> Slots | None:
    """ "Eh salah, anak saya SMA": a new answer to a question answered earlier (not the one asked)."""
    found = find_correction(rules, text)
    if found is None:
        return None
    key, answer = found
    question = question_for(rules, key)
    if question is None or key == asking.key or tracker.get_slot(slot_of(key)) is None:
        return None
    valid = valid_answer(question, answer)
    return None if valid is None else {slot_of(key): slot_value(question, valid)}


def side_question(tracker: Tracker, text: str) -> bool:
    """A question about something else, or small talk, answered without leaving the check."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    return intent in SIDE_QUESTION_INTENTS or (intent in UNSURE_INTENTS and asks(text))


def cancels(tracker: Tracker) -> bool:
    """ "batal", "/batal", "gak jadi": the resident stops the check. Not "skip" or "lewati", which NLU
    also reads as `batal` but which skip the question ("Tidak tahu / lewati")."""
    if (tracker.latest_message.get("intent") or {}).get("name") != protocol.CANCEL:
        return False
    slot = tracker.get_slot(protocol.REQUESTED_SLOT) or ""
    question = question_for(content_store().eligibility, slot.removeprefix(protocol.ELIGIBILITY_SLOT_PREFIX))
    text = str(tracker.latest_message.get("text") or "")
    return question is None or parse_answer(question, text) != UNKNOWN


def restart(tracker: Tracker) -> bool:
    """ "Ulang dari awal", "cek kelayakan" again, or the /kelayakan command during the check."""
    return (tracker.latest_message.get("intent") or {}).get("name") == protocol.CHECK_ELIGIBILITY


class ValidateKelayakanForm(FormValidationAction):
    """Reads each message of the eligibility check (see the module's docstring)."""

    def name(self) -> str:
        return protocol.VALIDATE_ELIGIBILITY_FORM

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if cancels(tracker):  # the form steps aside, and the rule for "batal" ends the check
            return [ActionExecutionRejected(self.form_name())]
        return await super().run(dispatcher, tracker, domain)

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """The questions answered so far and the next relevant one; none left ends the form."""
        rules = content_store().eligibility
        answers = answers_from_slots(rules, tracker.slots)
        following = next_question(rules, answers)
        keys = set(answers) | ({following.key} if following else set())
        return [slot for slot in domain_slots if slot.removeprefix(protocol.ELIGIBILITY_SLOT_PREFIX) in keys]

    async def read(self, key: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> Slots:
        store = content_store()  # one revision for the whole reply
        question = question_for(store.eligibility, key)
        if question is None:  # content changed under a running check: ask whatever comes next
            return {slot_of(key): None}
        chosen = chosen_so_far(tracker) if question.multi else []
        button = tapped_answer(tracker.latest_message)
        if button is not None:
            return self.pressed(store, question, button, chosen, dispatcher, tracker)
        return await self.typed(store, question, chosen, dispatcher, tracker)

    @staticmethod
    def pressed(
        store: ContentStore,
        question: Question,
        button: tuple[str, str],
        chosen: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> Slots:
        """A button: of this question (step 1), or of an earlier one, which changes that answer."""
        key, value = button
        unanswered = {slot_of(question.key): None}
        if key == question.key:
            slots = tapped(question, value, chosen)
        else:
            slots = earlier_button(store.eligibility, key, value, tracker)
            if slots is not None:
                _say(dispatcher, store, "kelayakan_corrected")
                return {**unanswered, **slots}
        if slots is None:
            _say(dispatcher, store, "kelayakan_not_understood")
            return unanswered
        return slots

    @staticmethod
    async def typed(
        store: ContentStore, question: Question, chosen: list[str], dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Slots:
        """A typed message: steps 2 to 6 of the module's docstring."""
        rules = store.eligibility
        unanswered = {slot_of(question.key): None}
        text = str(tracker.latest_message.get("text") or "")
        changed = correction(rules, text, question, tracker)
        if changed is not None:
            _say(dispatcher, store, "kelayakan_corrected")
            return {**unanswered, **changed}
        answer = valid_answer(question, parse_answer(question, text))
        if answer is not None:
            return filled(question, with_chosen(question, answer, chosen))
        if side_question(tracker, text):
            answer_side_question(dispatcher, tracker)
            _say(dispatcher, store, "kelayakan_still_waiting")
            # Logged like any question; the answers to the check never are.
            await finish_turn(dispatcher, tracker, next(m[ANSWER_KEY] for m in dispatcher.messages if ANSWER_KEY in m))
            return unanswered
        if restart(tracker):
            _say(dispatcher, store, "kelayakan_restarted")
            forgotten = {slot_of(q.key): None for q in rules.questions}
            return {**forgotten, protocol.ELIGIBILITY_CHOSEN_SLOT: None}
        _say(dispatcher, store, "kelayakan_not_understood")
        return unanswered


Validator = Callable[[ValidateKelayakanForm, Any, CollectingDispatcher, Tracker, DomainDict], Awaitable[Slots]]


def _validator(key: str) -> Validator:
    async def validate(
        self: ValidateKelayakanForm, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, _: DomainDict
    ) -> Slots:
        return await self.read(key, dispatcher, tracker)

    validate.__name__ = f"validate_{slot_of(key)}"
    return validate


# rasa-sdk calls `validate_<slot>` for the slot the message filled: one per question key.
for _key in protocol.ELIGIBILITY_KEYS:
    setattr(ValidateKelayakanForm, f"validate_{slot_of(_key)}", _validator(_key))
