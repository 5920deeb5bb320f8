"""What the eligibility check asks and how the answers are held, from `content/eligibility.yml`.

The questions, their options and their order live in content (staff edit them), and the engine
(`infobansos.eligibility`) decides which question is still relevant; this module only turns them
into Rasa's terms: one slot per question key (`kelayakan_<key>`), buttons whose payload names the
question and the option, and the answers mapping the engine reads back from the slots. A slot
holds a value only once it is one of the question's own options (or "tidak tahu"), so nothing a
resident typed, and no forged button, ever reaches the engine as an answer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from infobansos import protocol
from infobansos.content.files import Button
from infobansos.content.store import ContentStore
from infobansos.eligibility import UNKNOWN, EligibilityRules, Question, parsing

# The multi-choice "Sudah, lanjut" button; not an option value of any question.
DONE = "_selesai"
# The option that excludes the others on a multi-choice question ("Tidak ada yang di atas").
NONE_OF_THESE = parsing.NONE_OF_THESE
_SEPARATOR = ":"

Answer = str | tuple[str, ...]


def slot_of(key: str) -> str:
    return protocol.ELIGIBILITY_SLOT_PREFIX + key


def question_for(rules: EligibilityRules, key: str | None) -> Question | None:
    return rules.question(key) if key else None


def option_values(question: Question) -> tuple[str, ...]:
    return tuple(option.value for option in question.options)


def valid_answer(question: Question, value: Any) -> Answer | None:
    """The slot's value as an answer the engine accepts, or None when it is not one (raw text the
    form has not validated yet, or anything else): an option of the question (its last option is
    `UNKNOWN`), or a tuple of them for a multi-choice question, where "tidak tahu" is `UNKNOWN`."""
    if value == UNKNOWN or value == [UNKNOWN] or value == (UNKNOWN,):
        return UNKNOWN
    allowed = option_values(question)
    if question.multi:
        if isinstance(value, list | tuple) and value and all(isinstance(v, str) and v in allowed for v in value):
            return tuple(dict.fromkeys(value))
        return None
    return value if isinstance(value, str) and value in allowed else None


def slot_value(question: Question, answer: Answer) -> str | list[str]:
    """How an answer is kept in its slot: a list for a multi-choice question (Rasa's list slot)."""
    if question.multi:
        return [answer] if isinstance(answer, str) else list(answer)
    return answer if isinstance(answer, str) else answer[0]


def answers_from_slots(rules: EligibilityRules, slots: Mapping[str, Any]) -> dict[str, Answer]:
    """The answers so far, for the engine: only questions whose slot holds a valid answer."""
    answers: dict[str, Answer] = {}
    for question in rules.questions:
        answer = valid_answer(question, slots.get(slot_of(question.key)))
        if answer is not None:
            answers[question.key] = answer
    return answers


def answer_payload(key: str, value: str) -> str:
    """A button's payload: the check's intent with the question and the option it answers."""
    # Compact JSON: the payload must fit Telegram's 64 bytes with the bot's signature (bot/rendering.py).
    entities = json.dumps({protocol.ELIGIBILITY_ANSWER: f"{key}{_SEPARATOR}{value}"}, separators=(",", ":"))
    return f"{protocol.PAYLOAD_PREFIX}{protocol.CHECK_ELIGIBILITY}{entities}"


def tapped_answer(latest_message: Mapping[str, Any]) -> tuple[str, str] | None:
    """The (question key, value) a button of the check sent, None for a typed message. The value is
    not trusted here: the form checks it against the question's options."""
    for entity in latest_message.get("entities") or []:
        value = entity.get("value")
        if entity.get("entity") == protocol.ELIGIBILITY_ANSWER and isinstance(value, str):
            key, separator, option = value.partition(_SEPARATOR)
            if separator and key and option:
                return key, option
    return None


def question_message(
    store: ContentStore, question: Question, chosen: Sequence[str] = ()
) -> tuple[str, tuple[Button, ...]]:
    """The question as the resident reads it, with a button per option (the last is "Tidak tahu").

    On a multi-choice question each tap adds one choice: the choices so far are shown, the
    buttons offer the rest (no longer "none of these" or "tidak tahu"), and "Sudah, lanjut" ends
    the question."""
    text = question.text
    labels = {option.value: option.label for option in question.options}
    picked = [value for value in chosen if value in labels and value not in (UNKNOWN, NONE_OF_THESE)]
    buttons = [
        Button(option.label, answer_payload(question.key, option.value))
        for option in question.options
        if option.value not in picked and not (picked and option.value in (UNKNOWN, NONE_OF_THESE))
    ]
    if picked:
        done = store.message("kelayakan_done_button")
        text += "\n\n" + store.message("kelayakan_chosen", chosen=", ".join(labels[v] for v in picked), done=done)
        buttons.append(Button(done, answer_payload(question.key, DONE)))
    return text, tuple(buttons)
