"""The programs added in issue 14 (Kartu Pekerja Jakarta, pangan murah, KPARJ), asked in everyday words
through Telegram → bot → Rasa → actions, including a follow-up and a program switch.

Each conversation checks what the resident reads in the last reply: the key fact, and that details FACTS
marks unverified (the yahoo.com intake for KPJ) stay out.
"""

from __future__ import annotations

import pytest

from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e
REPLY_TIMEOUT = 30.0

# (messages in one chat, facts that must all be in the last reply, facts that must not be there)
CONVERSATIONS: dict[str, tuple[list[str], list[str], list[str]]] = {
    # Kartu Pekerja Jakarta
    "kpj-what": (["kartu pekerja jakarta itu apa ya"], ["Disnakertransgi", "Transjakarta"], []),
    "kpj-salary": (["gaji suami 6 juta masih bisa bikin kartu pekerja?"], ["Rp6.589.357", "KTP DKI"], []),
    "kpj-register": (["cara daftar kpj gmn min"], ["Slip gaji", "@dinaskertrans_dki"], ["yahoo"]),
    "kpj-followup": (["kartu pekerja itu apa", "syaratnya apa aja"], ["Rp6.589.357"], []),
    # Pangan murah / pangan bersubsidi
    "pangan-price": (["harga daging di pangan murah berapa sekilo"], ["Rp35.000", "sebulan sekali"], []),
    "pangan-buy": (["gimana caranya beli pangan bersubsidi"], ["antrean", "Bank DKI"], []),
    "pangan-who": (["siapa aja yg boleh beli pangan murah"], ["KJP Plus", "kuota"], []),
    "pangan-switch": (["syarat kartu pekerja apa aja", "kalo pangan murah?"], ["didahulukan", "kuota"], []),
    # KPARJ (Covid orphans; status after 2023 unverified)
    "kparj-what": (["kartu peduli anak itu masih ada ga"], ["Covid-19", "belum bisa memastikan"], []),
    "kparj-amount": (["kparj dapet berapa sebulan"], ["Rp300.000", "12 bulan", "kelurahan"], []),
    "kparj-register": (["cara daftar kparj buat keponakan saya"], ["kelurahan", "KAJ"], []),
}


async def converse(standin: TelegramStandIn, chat_id: int, messages: list[str]) -> str:
    for message in messages:
        standin.send_text(chat_id, message)
        replies = await standin.wait_for_bot_messages(chat_id, timeout=REPLY_TIMEOUT)
    return replies[-1].text


@pytest.mark.parametrize("name", list(CONVERSATIONS))
async def test_new_program_conversation(stack: RunningStack, standin: TelegramStandIn, chat_id: int, name: str) -> None:
    messages, must, must_not = CONVERSATIONS[name]
    reply = await converse(standin, chat_id, messages)
    missing = [fact for fact in must if fact not in reply]
    assert not missing, f"{name}: reply lacks {missing}:\n{reply}"
    present = [fact for fact in must_not if fact in reply]
    assert not present, f"{name}: reply should not contain {present}:\n{reply}"
    assert not standin.errors, f"Telegram rejected a message: {standin.errors[-1]}"
