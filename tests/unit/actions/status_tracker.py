"""Helpers for the status-check action tests: references, trackers and status data in the test database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.status_check import ValidateStatusForm
from infobansos import protocol
from infobansos.privacy.identity_numbers import identity_hash
from infobansos.privacy.references import refs_in, replace_numbers
from infobansos.settings import get_settings
from infobansos.status.models import StatusApplication
from infobansos.storage.engine import session_factory

NIK, KK = "3175095203850012", "3175090000000001"
SENDER = "u_status"


def ref_for(number: str, sender: str = SENDER) -> str:
    with session_factory(get_settings().database_url).begin() as session:
        [ref] = refs_in(replace_numbers(session, number, sender, get_settings().identity_hash_key))
    return ref


def tracker(text: str, slots: dict[str, Any] | None = None, chat_type: str = "private") -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": "kirim_nomor", "confidence": 0.99},
        "metadata": {"chat_type": chat_type, "turn_id": "turn-status"},
    }
    return Tracker(SENDER, slots or {}, latest, [], False, None, {"name": "status_form"}, "action_listen")


def store_application(program: str = "klj", status: str = "ditolak", reason: str | None = "NIK tidak padan") -> None:
    key = get_settings().identity_hash_key
    with session_factory(get_settings().database_url).begin() as session:
        session.add(
            StatusApplication(
                nik_hash=identity_hash(key, NIK),
                kk_hash=identity_hash(key, KK),
                nik_last4=NIK[-4:],
                name_masked="S*** A*****",
                program=program,
                status=status,
                reason=reason,
                updated_on=dt.date(2026, 10, 1),
            )
        )


async def check(nik: str, kk: str, sender: str = SENDER) -> tuple[dict[str, Any], str]:
    """One completed lookup from `sender`: the form's slots and the reply the resident reads."""
    nik_ref, kk_ref = ref_for(nik, sender), ref_for(kk, sender)
    asking = tracker(kk_ref, {protocol.STATUS_NIK_SLOT: nik_ref})
    asking.sender_id = sender
    dispatcher = CollectingDispatcher()
    result = await ValidateStatusForm().validate_status_kk(kk_ref, dispatcher, asking, {})
    return result, dispatcher.messages[0]["text"]
