"""Grades the bot's reply to a blind-set message the way a resident would judge it.

A reply is judged by the answer it gave (the `answer_id` the action server logged for the turn)
and the buttons shown under it, never by NLU's internal labels: the same answer reached by
another intent is still the right answer, and a right intent with the wrong program is not.

Outcomes, from best to worst:
- ``right``: the answer a careful human agent would give (`eval/blind/BRIEF.md` labels).
- ``asked_back``: a clarifying question (the "not sure" answer, or the general answer for the
  right topic with one button per program when the program was not clear). It counts as right
  after one tap when one of its buttons leads to the right answer.
- ``wrong``: *confidently wrong* — a factual answer on the wrong topic or program, or any factual
  answer to an out-of-scope message.
- ``miss``: the rest (small talk or "out of scope" for a real question, a failed reply).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from infobansos import protocol
from infobansos.content.store import KIND_FACT, ContentStore

RIGHT, ASKED_BACK, WRONG, MISS = "right", "asked_back", "wrong", "miss"
STATUS_PREFIX = "status:"
STATUS_INTENTS = frozenset({protocol.CHECK_STATUS, protocol.SEND_NUMBER})
# The label for "that answer did not fit"; the bot should offer the other likely answers (intent tidak_nyambung).
NOT_FITTING = "not_fitting"
LABEL_INTENTS = {NOT_FITTING: protocol.NOT_FITTING}
# What the status check says when it stops on "batal" (content/status.yml) besides the plain answer.
CANCEL_IDS = frozenset({protocol.CANCEL, "status:cancelled"})
PAYLOAD_PATTERN = re.compile(r"^/(?P<intent>\w+)(?P<entities>\{.*\})?$")


@dataclass(frozen=True)
class Label:
    """What the resident should get: an intent (or a few), and the program(s) when one applies."""

    intents: tuple[str, ...]
    programs: tuple[str | None, ...] = (None,)

    @classmethod
    def from_yaml(cls, raw: dict) -> Label:
        intents = tuple(LABEL_INTENTS.get(i, i) for i in (raw["intent"], *([raw["also"]] if raw.get("also") else [])))
        programs = tuple(raw.get("programs") or [raw.get("program")])
        return cls(intents, programs)


@dataclass(frozen=True)
class Reply:
    """What the bot did with one message: the logged answer and the buttons' payloads."""

    answer_id: str | None
    payloads: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grade:
    outcome: str
    right_after_tap: bool  # right, or asked back with a button that leads to the right answer
    expected: tuple[str, ...] = field(default=())


def answer_for_payload(store: ContentStore, payload: str) -> str | None:
    """The answer a button would give: '/tanya_syarat{"program": "klj"}' → 'klj_syarat'."""
    match = PAYLOAD_PATTERN.match(payload.strip())
    if not match:
        return None
    program = None
    if match["entities"]:
        try:
            program = json.loads(match["entities"]).get("program")
        except (ValueError, AttributeError):
            return None
    answer = store.answer_for(match["intent"], program)
    return answer.id if answer else None


def expected_ids(store: ContentStore, label: Label) -> tuple[str, ...]:
    ids: list[str] = []
    for intent in label.intents:
        for program in label.programs:
            answer = store.answer_for(intent, program)
            if answer is not None and answer.id not in ids:
                ids.append(answer.id)
    return tuple(ids)


def _is_right(label: Label, answer_id: str, expected: Sequence[str]) -> bool:
    if answer_id in expected:
        return True
    if STATUS_INTENTS & set(label.intents):
        return answer_id.startswith(STATUS_PREFIX)
    return protocol.CANCEL in label.intents and answer_id in CANCEL_IDS


def _is_fact(store: ContentStore, answer_id: str) -> bool:
    if answer_id.startswith(STATUS_PREFIX):
        return False
    return any(a.id == answer_id and a.kind == KIND_FACT for a in store.answers.values())


def _general_answer_of_right_topic(store: ContentStore, label: Label, answer_id: str) -> bool:
    """The program-less answer of the asked topic: it asks "which program?" with a button each."""
    if label.programs == (None,):
        return False
    general = {store.answers[(intent, None)].id for intent in label.intents if (intent, None) in store.answers}
    return answer_id in general


def clarifying_ids(store: ContentStore) -> frozenset[str]:
    """Answers that ask the resident to choose: the "not sure" answer and the "not fitting" offer."""
    return frozenset(
        a.id for intent in (protocol.FALLBACK, LABEL_INTENTS[NOT_FITTING]) if (a := store.answer_for(intent))
    )


def grade(store: ContentStore, label: Label, reply: Reply) -> Grade:
    """Grade one reply to one labelled message."""
    expected = expected_ids(store, label)
    answer_id = reply.answer_id or ""
    if answer_id and _is_right(label, answer_id, expected):
        return Grade(RIGHT, True, expected)
    if answer_id in clarifying_ids(store) or _general_answer_of_right_topic(store, label, answer_id):
        tapped = {answer_for_payload(store, payload) for payload in reply.payloads}
        return Grade(ASKED_BACK, bool(tapped & set(expected)), expected)
    if answer_id and _is_fact(store, answer_id):
        return Grade(WRONG, False, expected)
    if label.intents[0] == protocol.OUT_OF_SCOPE and answer_id.startswith(STATUS_PREFIX):
        return Grade(WRONG, False, expected)
    return Grade(MISS, False, expected)
