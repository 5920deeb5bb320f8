"""Every name that crosses a process boundary: intents, entities, slots, actions, payloads, metadata.

The bot, Rasa (`domain.yml`, `nlu/`, the rules) and the action server must spell these the same
way, and a typo is silent: Rasa ignores an unknown payload intent and rasa-sdk an unknown slot.
So they are written once, here, and `tests/unit/infobansos/test_protocol.py` checks them against
`domain.yml`. Plain strings and the standard library only: Rasa's own Python 3.10 process
(`nlu_components/`) may import this module too.
"""

from __future__ import annotations

import json
from typing import Final

# ---- Intents (domain.yml `intents`) ----
GREET: Final = "greet"
THANKS: Final = "terima_kasih"
GOODBYE: Final = "pamit"
OUT_OF_SCOPE: Final = "out_of_scope"
ASK_REGISTRY: Final = "tanya_dtks"
ASK_PROGRAM: Final = "tanya_program"
ASK_REQUIREMENTS: Final = "tanya_syarat"
ASK_AMOUNT: Final = "tanya_besaran"
ASK_HOW_TO_REGISTER: Final = "tanya_cara_daftar"
ASK_PAYOUT_DATE: Final = "tanya_jadwal_cair"
ASK_HOW_TO_CHECK: Final = "tanya_cara_cek"
ASK_WHY_NOT_RECEIVED: Final = "tanya_tidak_dapat"
ASK_OBJECTION: Final = "tanya_sanggah"
ASK_MOVING: Final = "tanya_pindah"
ASK_CONTACT: Final = "tanya_kontak"  # "hubungi petugas", and the "Tanya petugas" button after a 👎
ASK_FEES_AND_BROKERS: Final = "tanya_biaya_calo"
ASK_PRIVACY: Final = "tanya_privasi"
PICK_PROGRAM: Final = "pilih_program"  # just a program ("kalau yang disabilitas?"): the previous question
NOT_FITTING: Final = "tidak_nyambung"  # "jawabannya ga nyambung": the last answer missed
CHECK_STATUS: Final = "cek_status"
SEND_NUMBER: Final = "kirim_nomor"  # a message that is only a number (already a reference)
CANCEL: Final = "batal"
CHECK_ELIGIBILITY: Final = "cek_kelayakan"  # "apakah saya berhak?": the eligibility check (issue 16)
# Rasa's own, set by the FallbackClassifier when NLU is unsure; not listed in domain.yml.
FALLBACK: Final = "nlu_fallback"

INTENTS: Final = frozenset(
    {
        GREET, THANKS, GOODBYE, OUT_OF_SCOPE, ASK_REGISTRY, ASK_PROGRAM, ASK_REQUIREMENTS, ASK_AMOUNT,
        ASK_HOW_TO_REGISTER, ASK_PAYOUT_DATE, ASK_HOW_TO_CHECK, ASK_WHY_NOT_RECEIVED, ASK_OBJECTION, ASK_MOVING,
        ASK_CONTACT, ASK_FEES_AND_BROKERS, ASK_PRIVACY, PICK_PROGRAM, NOT_FITTING, CHECK_STATUS, SEND_NUMBER, CANCEL,
        CHECK_ELIGIBILITY,
    }
)  # fmt: skip
# Question types answered per program: each needs an entry per program plus a general one in content/.
PROGRAM_QUESTIONS: Final = (
    ASK_PROGRAM,
    ASK_REQUIREMENTS,
    ASK_AMOUNT,
    ASK_HOW_TO_REGISTER,
    ASK_PAYOUT_DATE,
    ASK_HOW_TO_CHECK,
    ASK_WHY_NOT_RECEIVED,
)
SMALL_TALK: Final = frozenset({GREET, THANKS, GOODBYE})
STATUS_CHECK: Final = frozenset({CHECK_STATUS, SEND_NUMBER, CANCEL})

# ---- Entities and slots (domain.yml `entities`, `slots`) ----
PROGRAM: Final = "program"  # the entity NLU extracts, and the slot that remembers it
# Set by the program resolver when a message names the household's data (DTSEN, DTKS) and no program:
# the question is about the registry, so the program remembered from earlier is not used. No slot.
REGISTRY: Final = "data_keluarga"
REGISTRY_VALUE: Final = "dtsen"
QUESTION_TYPE_SLOT: Final = "question_type"
STATUS_NIK_SLOT: Final = "status_nik"
STATUS_KK_SLOT: Final = "status_kk"
REQUESTED_SLOT: Final = "requested_slot"  # Rasa's own, for the slot a form asks for next
# Only in the bot's "Selengkapnya" button: which part of a long answer to show (content `more:`).
PART: Final = "bagian"
PART_MORE: Final = "lengkap"
PARTS: Final = frozenset({PART_MORE})
# The eligibility check (issue 16): its buttons' answer ("anggota:balita"), one slot per question
# key of content/eligibility.yml (`kelayakan_<key>`), the choices so far on a multi-choice question,
# and the check's random id.
# Short ("jawaban") so that the longest payload, /cek_kelayakan{"jwb":"pengecualian:tidak_tahu"}, fits
# Telegram's 64 bytes with the bot's signature and survives a bot restart (bot/rendering.py).
ELIGIBILITY_ANSWER: Final = "jwb"
ELIGIBILITY_SLOT_PREFIX: Final = "kelayakan_"
ELIGIBILITY_KEYS: Final = (
    "domisili", "dtsen", "desil", "anggota", "jenjang", "pengecualian", "pekerja", "bantuan_lain",
)  # fmt: skip
ELIGIBILITY_SLOTS: Final = tuple(ELIGIBILITY_SLOT_PREFIX + key for key in ELIGIBILITY_KEYS)
ELIGIBILITY_CHOSEN_SLOT: Final = "kelayakan_pilihan"
ELIGIBILITY_ID_SLOT: Final = "kelayakan_id"
ENTITIES: Final = frozenset({PROGRAM, PART, REGISTRY, ELIGIBILITY_ANSWER})
SLOTS: Final = frozenset(
    {PROGRAM, QUESTION_TYPE_SLOT, STATUS_NIK_SLOT, STATUS_KK_SLOT, *ELIGIBILITY_SLOTS, ELIGIBILITY_CHOSEN_SLOT,
     ELIGIBILITY_ID_SLOT}
)  # fmt: skip

# ---- Actions and forms (domain.yml `actions`, `forms`) ----
ACTION_ANSWER: Final = "action_answer"
ACTION_START_STATUS_CHECK: Final = "action_start_status_check"
ACTION_ASK_STATUS_NIK: Final = "action_ask_status_nik"
ACTION_ASK_STATUS_KK: Final = "action_ask_status_kk"
ACTION_STATUS_CANCEL: Final = "action_status_cancel"
ACTION_STATUS_RESET: Final = "action_status_reset"
ACTION_RELOAD_CONTENT: Final = "action_reload_content"  # run by the bot through Rasa's execute API
VALIDATE_STATUS_FORM: Final = "validate_status_form"
ACTION_ELIGIBILITY_START: Final = "action_kelayakan_start"
ACTION_ELIGIBILITY_ASK_PREFIX: Final = "action_ask_"  # + the slot: Rasa's form asks with action_ask_<slot>
ACTION_ELIGIBILITY_RESULT: Final = "action_kelayakan_result"
ACTION_ELIGIBILITY_CANCEL: Final = "action_kelayakan_cancel"
VALIDATE_ELIGIBILITY_FORM: Final = "validate_kelayakan_form"
ACTION_LISTEN: Final = "action_listen"  # Rasa's own
ACTIONS: Final = frozenset(
    {
        ACTION_ANSWER, ACTION_START_STATUS_CHECK, ACTION_ASK_STATUS_NIK, ACTION_ASK_STATUS_KK,
        ACTION_STATUS_CANCEL, ACTION_STATUS_RESET, ACTION_RELOAD_CONTENT, VALIDATE_STATUS_FORM,
        ACTION_ELIGIBILITY_START, *(ACTION_ELIGIBILITY_ASK_PREFIX + slot for slot in ELIGIBILITY_SLOTS),
        ACTION_ELIGIBILITY_RESULT, ACTION_ELIGIBILITY_CANCEL, VALIDATE_ELIGIBILITY_FORM,
    }
)  # fmt: skip
STATUS_FORM: Final = "status_form"
ELIGIBILITY_FORM: Final = "kelayakan_form"
FORMS: Final = frozenset({STATUS_FORM, ELIGIBILITY_FORM})

# ---- Payloads: what a button or command sends to Rasa instead of text ----
PAYLOAD_PREFIX: Final = "/"


def payload(intent: str, program: str | None = None, part: str | None = None) -> str:
    """A button's payload in Rasa's syntax: `/tanya_syarat{"program": "klj"}`, or `/greet`.

    `part` asks for a part of the answer other than its first (`PART_MORE`: the rest of a long one)."""
    values = {key: value for key, value in ((PROGRAM, program), (PART, part)) if value}
    entities = json.dumps(values) if values else ""
    return f"{PAYLOAD_PREFIX}{intent}{entities}"


def payload_entities(payload: str) -> dict[str, object]:
    """The entities a payload sets (`/tanya_syarat{"program": "klj"}` → {"program": "klj"}), {} if none.

    Raises ValueError when the part after the intent is not a JSON object."""
    _, brace, entities = payload.partition("{")
    if not brace:
        return {}
    values = json.loads(brace + entities)
    if not isinstance(values, dict):
        raise ValueError("payload entities must be a JSON object")
    return values


def payload_program(payload: str) -> str | None:
    """The program a payload names (`/tanya_syarat{"program": "klj"}` → "klj"), None if none.

    Raises ValueError when the part after the intent is not a JSON object."""
    program = payload_entities(payload).get(PROGRAM)
    return None if program is None else str(program)


# ---- Message metadata the bot sends with every message (Rasa passes it on to the actions) ----
METADATA_CHAT_TYPE: Final = "chat_type"
METADATA_TURN_ID: Final = "turn_id"

# ---- Custom JSON the actions send back to the bot ----
ASK_FEEDBACK: Final = "ask_feedback"  # put the 👍/👎 row under this answer
# What NLU understood of the message, with every answer (`question_log.summary.TurnSummary`): the
# bot uses it instead of reading the action server's half of the question log back.
TURN_SUMMARY: Final = "turn"
