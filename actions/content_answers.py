"""`action_answer`: answers the resident from `content/` for what NLU recognised.

One generic action instead of one per topic, so staff add or change answers in YAML while the
dialogue rules stay the same. The answer depends on *what* is asked (the question type) and
*which* program: the program is remembered in a slot, so "syaratnya apa?" after talking about KLJ
answers for KLJ, and "kalau yang disabilitas?" keeps the question but switches the program.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.live_content import published_content
from actions.question_log import finish_turn
from infobansos import protocol
from infobansos.content.store import ContentStore, RenderedAnswer
from infobansos.eligibility import asks_to_be_checked
from infobansos.privacy.references import refs_in

logger = logging.getLogger(__name__)

DEFAULT_QUESTION = protocol.ASK_PROGRAM
INFERRED_BY = "ProgramResolver"  # the extractor of programs NLU inferred rather than read
SWITCH_READINGS = {protocol.PICK_PROGRAM, protocol.NOT_FITTING}
CLARIFY_TOPICS = 3  # buttons offered when the bot is unsure
# Two readings that lead to the same answer are one reading: together they must be as sure as the
# FallbackClassifier asks of a single intent (`threshold` in config.yml).
SHARED_CONFIDENCE = 0.5


def content_store() -> ContentStore:
    """The newest published content; take it once per reply and render the whole reply from it."""
    return published_content().current()


def question_for(intent: str, last_question: str | None) -> str:
    """The question type to answer: a bare program mention repeats the previous question."""
    if intent == protocol.PICK_PROGRAM:
        return last_question or DEFAULT_QUESTION
    return intent


def names_a_program(tracker: Tracker, *, by_name_only: bool = False) -> bool:
    """Whether the message gives a program; `by_name_only` ignores programs inferred from a described
    person or a keyword elsewhere in the text ("SPMB SMA negeri", "BPJS Ketenagakerjaan")."""
    return any(
        e.get("entity") == protocol.PROGRAM and not (by_name_only and e.get("extractor") == INFERRED_BY)
        for e in tracker.latest_message.get("entities") or []
    )


def asked_part(tracker: Tracker) -> str | None:
    """The part of a long answer the resident asked for: `PART_MORE` from the "Selengkapnya" button."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == protocol.PART and entity.get("value") in protocol.PARTS:
            return str(entity["value"])
    return None


def asked_in_general(tracker: Tracker) -> bool:
    """The question is about bansos in general, not the program the conversation was on.

    It names the household's data and no program ("cara daftar dtsen gimana" right after a KJP
    answer, NLU's `data_keluarga` entity), or it is a button the bot offered without a program (the
    greeting's "Syarat bantuan", "Cara masuk DTSEN"): buttons meant for a program carry it. The
    program slot is kept, so "kalau udah masuk, uangnya berapa?" goes back to that program."""
    if names_a_program(tracker):
        return False
    text = (tracker.latest_message.get("text") or "").strip()
    entities = tracker.latest_message.get("entities") or []
    return text.startswith(protocol.PAYLOAD_PREFIX) or any(e.get("entity") == protocol.REGISTRY for e in entities)


def readings(tracker: Tracker) -> list[dict[str, Any]]:
    """NLU's ranked intents for the latest message, without the fallback it chose when unsure."""
    return [c for c in tracker.latest_message.get("intent_ranking") or [] if c.get("name") != protocol.FALLBACK]


def likely_program_switch(tracker: Tracker) -> bool:
    """Unsure, but the likeliest reading is "I meant that program" ("eh salah, maksud saya KJMU")."""
    ranking = readings(tracker)
    return names_a_program(tracker) and bool(ranking) and ranking[0].get("name") in SWITCH_READINGS


def agreed_reading(tracker: Tracker) -> str | None:
    """Unsure only between readings that get the same answer: "KPDJ?" in a new chat is a question about
    KPDJ or a switch to KPDJ with nothing asked before, and both explain KPDJ. Asking back which of
    two identical answers the resident wants would only cost a tap."""
    ranking = readings(tracker)
    if len(ranking) < 2:
        return None
    last_question = tracker.get_slot(protocol.QUESTION_TYPE_SLOT)
    first, second = ranking[:2]
    same_answer = question_for(first["name"], last_question) == question_for(second["name"], last_question)
    together = float(first.get("confidence") or 0) + float(second.get("confidence") or 0)
    return first["name"] if same_answer and together >= SHARED_CONFIDENCE else None


def previous_ranking(tracker: Tracker) -> list[str]:
    """NLU's ranking of the resident's message before this one (what the missed answer was chosen from)."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    if len(users) < 2:
        return []
    ranking = (users[-2].get("parse_data") or {}).get("intent_ranking") or []
    return [candidate.get("name") for candidate in ranking]


def other_likely_answers(store: ContentStore, tracker: Tracker) -> RenderedAnswer:
    """ "Ga nyambung": apologise and offer the runners-up of the missed question, for the same program."""
    answer = store.answer_for(protocol.NOT_FITTING) or store.answer_for(protocol.FALLBACK)
    if answer is None:
        raise LookupError("no content for a missed answer and no fallback answer")
    ranking = previous_ranking(tracker)
    answered = tracker.get_slot(protocol.QUESTION_TYPE_SLOT) or (ranking[0] if ranking else None)
    buttons = store.ways_forward(ranking, answered, tracker.get_slot(protocol.PROGRAM))
    rendered = store.render(answer)
    return replace(rendered, buttons=rendered.buttons + buttons)


ELIGIBILITY_READINGS = frozenset({protocol.ASK_PROGRAM, protocol.CHECK_ELIGIBILITY})


def wants_eligibility_check(store: ContentStore, tracker: Tracker) -> bool:
    """ "Bansos apa yang cocok buat ibu saya": a programs question about the resident's own household,
    naming no program, outside any form, is best answered by the eligibility check."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent == protocol.FALLBACK:
        # Unsure between the programs overview and the check itself: either way it is about the check.
        ranking = [r.get("name") for r in tracker.latest_message.get("intent_ranking") or []]
        leading = [name for name in ranking if name != protocol.FALLBACK][:2]
        intent = protocol.ASK_PROGRAM if set(leading) & ELIGIBILITY_READINGS else intent
    return (
        intent == protocol.ASK_PROGRAM
        and not tracker.active_loop.get("name")
        and not names_a_program(tracker, by_name_only=True)
        and asks_to_be_checked(store.eligibility, tracker.latest_message.get("text") or "")
    )


def choose_answer(store: ContentStore, tracker: Tracker) -> tuple[RenderedAnswer, list[dict[str, Any]]]:
    """The rendered answer for the latest message, and the slot events to remember the question."""
    intent = (tracker.latest_message.get("intent") or {}).get("name") or protocol.FALLBACK
    if intent == protocol.OUT_OF_SCOPE and names_a_program(tracker, by_name_only=True):
        # "klj tuh kepanjangannya apa" is about a program even when NLU calls it unrelated:
        # ask which topic was meant rather than dismiss the resident.
        intent = protocol.FALLBACK
    if intent == protocol.NOT_FITTING and names_a_program(tracker):
        intent = protocol.PICK_PROGRAM  # "bukan, maksudnya KLJ": the resident said what was meant
    if intent == protocol.FALLBACK and likely_program_switch(tracker):
        intent = protocol.PICK_PROGRAM
    if intent == protocol.FALLBACK:
        intent = agreed_reading(tracker) or intent
    if intent == protocol.NOT_FITTING:
        return other_likely_answers(store, tracker), []
    question = question_for(intent, tracker.get_slot(protocol.QUESTION_TYPE_SLOT))
    remembered = None if asked_in_general(tracker) else tracker.get_slot(protocol.PROGRAM)
    program = remembered if question in protocol.PROGRAM_QUESTIONS else None
    answer = store.answer_for(question, program) or store.answer_for(protocol.FALLBACK)
    if answer is None:
        raise LookupError(f"no content for {question!r} and no fallback answer")
    rendered = store.render(answer, part=asked_part(tracker))
    if answer.intent == protocol.FALLBACK:
        ranking = [candidate.get("name") for candidate in tracker.latest_message.get("intent_ranking") or []]
        buttons = store.topic_buttons(ranking, remembered, CLARIFY_TOPICS)
        rendered = replace(rendered, buttons=rendered.buttons + buttons)
    events = [SlotSet(protocol.QUESTION_TYPE_SLOT, question)] if question in protocol.PROGRAM_QUESTIONS else []
    return rendered, events


class ActionAnswer(Action):
    """Render the content entry for the latest question and program, and log what was answered."""

    def name(self) -> str:
        return protocol.ACTION_ANSWER

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if refs_in(tracker.latest_message.get("text") or ""):
            # A resident sends a NIK only to have it checked ("tolong cek nik …", "ini NIK adik saya:
            # …"), whatever NLU made of the words around it: start the check with that number.
            return [FollowupAction(protocol.ACTION_START_STATUS_CHECK)]
        try:
            store = content_store()
            if wants_eligibility_check(store, tracker):
                return [FollowupAction(protocol.ACTION_ELIGIBILITY_START)]
            rendered, events = choose_answer(store, tracker)
        except LookupError:
            # check-content forbids this; log loudly, and the bot tells the resident it is busy.
            logger.exception("no answer could be chosen")
            return []
        dispatcher.utter_message(
            text=rendered.text,
            buttons=[{"title": b.title, "payload": b.payload} for b in rendered.buttons],
        )
        fallback = rendered.answer_id == getattr(store.answer_for(protocol.FALLBACK), "id", None)
        await finish_turn(dispatcher, tracker, rendered.answer_id, fallback=fallback, ask_feedback=rendered.is_fact)
        return events
