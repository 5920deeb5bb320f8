"""The "cek status" conversation: NIK, then KK as a second factor, then the status in plain words.

The numbers never reach this process in clear: the bot swapped them for references
(`infobansos.privacy.references`), which are resolved here to keyed hashes and masked forms. Limits
against guessing live in `infobansos.status.limits` (per chat) and `guards` (per NIK, and the global
hourly budget); the words live in `content/status.yml` (`status_words.py`). A NIK not in the data
and a wrong KK get one reply and the same database work, so the check is no membership oracle.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.question_log import finish_turn
from actions.status_side_questions import ANSWER_KEY, SideTurn, answer_side_question, side_turn
from actions.status_words import STATUS_KEY, explained, say, say_blocked
from infobansos import protocol
from infobansos.jakarta_time import wib_clock
from infobansos.privacy.identity_numbers import NumberProblem, only_digits
from infobansos.privacy.references import refs_in, resolve
from infobansos.question_log.rules import status_signals
from infobansos.settings import get_settings
from infobansos.status.guards import budget_spent, nik_locked_until, record_miss
from infobansos.status.limits import LimitState, Outcome, limit_state, record_attempt
from infobansos.status.lookup import lookup
from infobansos.status.models import IdentityRef
from infobansos.storage.engine import session_factory

GROUP_CHAT_TYPES = {"group", "supergroup", "channel"}
PROBLEM_MESSAGES = {
    NumberProblem.LENGTH: "bad_length",
    NumberProblem.PROVINCE: "bad_province",
    NumberProblem.DATE: "bad_date",
}


async def log_status_turn(tracker: Tracker, dispatcher: CollectingDispatcher) -> None:
    """Record the turn in the question log, and tell the bot; a refused or failed check is a confusion signal."""
    keys = [message[STATUS_KEY] for message in dispatcher.messages if STATUS_KEY in message]
    answers = [message[ANSWER_KEY] for message in dispatcher.messages if ANSWER_KEY in message]
    if not keys and not answers:
        return
    failures = status_signals(keys)
    answer_id = answers[-1] if answers else f"status:{keys[-1]}"
    await finish_turn(dispatcher, tracker, answer_id, signals=failures)


def in_group_chat(tracker: Tracker) -> bool:
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata.get(protocol.METADATA_CHAT_TYPE) in GROUP_CHAT_TYPES


def _resolve(ref: str | None, sender: str) -> IdentityRef | None:
    if not ref:
        return None
    with session_factory(get_settings().database_url)() as session:
        return resolve(session, ref, sender)


def _limit_state(sender: str) -> tuple[LimitState, bool]:
    """This resident's limits, and whether the global hourly budget is spent."""
    with session_factory(get_settings().database_url)() as session:
        return limit_state(session, sender), budget_spent(session, get_settings().status_lookups_per_hour)


StepRun = Callable[[Any, CollectingDispatcher, Tracker, DomainDict], Awaitable[list[dict[str, Any]]]]


def logged_step(run: StepRun) -> StepRun:
    """Wrap a status-check action's `run` so that what it said is logged as the turn's answer."""

    @functools.wraps(run)
    async def run_and_log(
        action: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        events = await run(action, dispatcher, tracker, domain)
        await log_status_turn(tracker, dispatcher)
        return events

    return run_and_log


class ActionStartStatusCheck(Action):
    """Checks that the status check may start here and now, then hands over to the form."""

    def name(self) -> str:
        return protocol.ACTION_START_STATUS_CHECK

    @logged_step
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        if in_group_chat(tracker):
            say(dispatcher, "private_chat_only")
            return []
        state, spent = await asyncio.to_thread(_limit_state, tracker.sender_id)
        if state.block:
            say_blocked(dispatcher, state)
            return []
        if spent:  # no use asking for numbers that cannot be looked up now
            say(dispatcher, "budget_spent")
            return []
        refs = refs_in(tracker.latest_message.get("text") or "")
        # A NIK sent without asking first is used straight away (the form validates it).
        return [
            SlotSet(protocol.STATUS_NIK_SLOT, refs[0] if refs else None),
            SlotSet(protocol.STATUS_KK_SLOT, None),
            FollowupAction(protocol.STATUS_FORM),
        ]


def asked_already(tracker: Tracker, slot: str) -> bool:
    """After a refused entry the refusal already says "ketik ulang"; asking in full again is noise."""
    return tracker.get_slot(protocol.REQUESTED_SLOT) == slot


class ActionAskStatusNik(Action):
    def name(self) -> str:
        return protocol.ACTION_ASK_STATUS_NIK

    @logged_step
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        if not asked_already(tracker, protocol.STATUS_NIK_SLOT):
            say(dispatcher, "ask_nik")
        return []


class ActionAskStatusKk(Action):
    def name(self) -> str:
        return protocol.ACTION_ASK_STATUS_KK

    @logged_step
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        if asked_already(tracker, protocol.STATUS_KK_SLOT):
            return []
        nik = await asyncio.to_thread(_resolve, tracker.get_slot(protocol.STATUS_NIK_SLOT), tracker.sender_id)
        say(dispatcher, "ask_kk", masked_nik=nik.masked if nik else "")
        return []


class ActionStatusCancel(Action):
    """The resident typed "batal" during the status check: stop and forget the numbers."""

    def name(self) -> str:
        return protocol.ACTION_STATUS_CANCEL

    @logged_step
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        say(dispatcher, "cancelled")
        return [SlotSet(protocol.STATUS_NIK_SLOT, None), SlotSet(protocol.STATUS_KK_SLOT, None)]


class ActionStatusReset(Action):
    """After the answer: the references are of no further use, so the slots are cleared."""

    def name(self) -> str:
        return protocol.ACTION_STATUS_RESET

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        return [SlotSet(protocol.STATUS_NIK_SLOT, None), SlotSet(protocol.STATUS_KK_SLOT, None)]


class ValidateStatusForm(FormValidationAction):
    """Checks each number as it arrives and, once both are in, looks the status up."""

    def name(self) -> str:
        return "validate_status_form"

    run = logged_step(FormValidationAction.run)

    async def _usable_number(
        self, text: Any, what: str, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> IdentityRef | None:
        refs = refs_in(str(text or ""))
        row = await asyncio.to_thread(_resolve, refs[0], tracker.sender_id) if refs else None
        if row is None:
            digits = only_digits(str(text or ""))
            if digits:  # too short to have been replaced by the bot
                say(dispatcher, "bad_length", what=what, count=len(digits))
            else:
                say(dispatcher, "no_number", what=what)
            return None
        problem = row.nik_problem if what == "NIK" else row.kk_problem
        if problem:
            say(dispatcher, PROBLEM_MESSAGES[NumberProblem(problem)], what=what, count=row.digit_count)
            return None
        return row

    @staticmethod
    async def _no_number_to_check(
        slot_value: Any, what: str, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> bool:
        """True when there is nothing to validate: the slot was only cleared as the check started
        (nothing typed, so nothing to refuse), or the resident asked something instead, which is
        answered here while the check keeps waiting (`status_side_questions`)."""
        if slot_value is None:
            return True
        turn = side_turn(slot_value, tracker)
        if turn is SideTurn.ANSWER:
            answer_side_question(dispatcher, tracker)
            say(dispatcher, "still_waiting", what=what)
        elif turn is SideTurn.EXPLAIN and what == "NIK":
            say(dispatcher, "ask_nik")
        elif turn is SideTurn.EXPLAIN:
            nik = await asyncio.to_thread(_resolve, tracker.get_slot(protocol.STATUS_NIK_SLOT), tracker.sender_id)
            say(dispatcher, "ask_kk", masked_nik=nik.masked if nik else "")
        return turn is not None

    async def validate_status_nik(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if await self._no_number_to_check(slot_value, "NIK", tracker, dispatcher):
            return {protocol.STATUS_NIK_SLOT: None}
        row = await self._usable_number(slot_value, "NIK", tracker, dispatcher)
        return {protocol.STATUS_NIK_SLOT: row.ref if row else None}

    async def validate_status_kk(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if await self._no_number_to_check(slot_value, "KK", tracker, dispatcher):
            return {protocol.STATUS_KK_SLOT: None}
        kk = await self._usable_number(slot_value, "KK", tracker, dispatcher)
        if kk is None:
            return {protocol.STATUS_KK_SLOT: None}
        nik = await asyncio.to_thread(_resolve, tracker.get_slot(protocol.STATUS_NIK_SLOT), tracker.sender_id)
        if nik is None:  # the NIK reference expired while the resident looked for the KK
            say(dispatcher, "no_number", what="NIK")
            return {protocol.STATUS_NIK_SLOT: None, protocol.STATUS_KK_SLOT: None}
        finished = await asyncio.to_thread(self._look_up, tracker.sender_id, nik, kk, dispatcher)
        # Filling both slots ends the form; an empty KK slot asks for the KK again.
        return (
            {protocol.STATUS_KK_SLOT: kk.ref, protocol.STATUS_NIK_SLOT: nik.ref}
            if finished
            else {protocol.STATUS_KK_SLOT: None}
        )

    def _look_up(self, sender: str, nik: IdentityRef, kk: IdentityRef, dispatcher: CollectingDispatcher) -> bool:
        """True when the check is over, False to ask for the KK again; the attempt is recorded too."""
        with session_factory(get_settings().database_url).begin() as session:
            if self._refused(session, sender, nik, dispatcher):
                return True
            result = lookup(session, nik.digest, kk.digest)
            if not result.kk_matches:
                # A NIK not in the data and a wrong KK: one reply and the same statements, so a
                # leaked NIK list cannot be checked against the aid data.
                record_attempt(session, sender, Outcome.NO_MATCH)
                nik_lock = record_miss(session, nik.digest)
                session.flush()
                state = limit_state(session, sender)
                if nik_lock:
                    say(dispatcher, "nik_locked", masked_nik=nik.masked, until=wib_clock(nik_lock))
                elif state.block:
                    say_blocked(dispatcher, state)
                else:
                    say(dispatcher, "no_match", masked_nik=nik.masked, remaining=state.wrong_kk_left)
                return bool(nik_lock or state.block)
            record_attempt(session, sender, Outcome.FOUND)
            say(dispatcher, "found", masked_nik=nik.masked, applications=explained(result.applications))
            return True

    @staticmethod
    def _refused(session: Session, sender: str, nik: IdentityRef, dispatcher: CollectingDispatcher) -> bool:
        """This resident's limits, the global budget, then this NIK's lock (which never depends on the data)."""
        state = limit_state(session, sender)
        if state.block:
            say_blocked(dispatcher, state)
            return True
        if budget_spent(session, get_settings().status_lookups_per_hour):
            say(dispatcher, "budget_spent")
            return True
        until = nik_locked_until(session, nik.digest)
        if until:
            say(dispatcher, "nik_locked", masked_nik=nik.masked, until=wib_clock(until))
            return True
        return False
