"""Issue 6: every turn logged with its signals, and nothing personal in the log (scanned)."""

from __future__ import annotations

import asyncio
import re
import sqlite3

import pytest

from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack
from tests.e2e.test_conversation import ask
from tests.e2e.test_feedback_buttons import logged_when_done

pytestmark = pytest.mark.e2e
NIK = "3175091507800021"
PHONE = "0813-9876-5432"
EMAIL = "budi.santoso77@contoh.id"


def signals(stack: RunningStack, sender: str) -> list[tuple[str, str | None]]:
    with sqlite3.connect(stack.var_dir / "infobansos.sqlite3") as connection:
        query = "select reason, detail from confusion_signal where sender = ? order by id"
        return connection.execute(query, (sender,)).fetchall()


async def test_turns_and_confusion_signals_are_logged_as_they_happen(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    sender = stack.sender_for(chat_id)
    await ask(standin, chat_id, "kjp plus bulan ini kok belum cair")
    await ask(standin, chat_id, "kjp plus kok belom cair bulan ini ya")
    await ask(standin, chat_id, "bukan itu maksud saya")
    await ask(standin, chat_id, "saya mau ngomong sama petugas")
    turns = await logged_when_done(stack, sender, 4)
    assert [t["intent"] is not None for t in turns] == [True] * 4, "NLU's half of every turn is there"
    reasons = [reason for reason, _ in signals(stack, sender)]
    assert "tanya_ulang" in reasons and "koreksi" in reasons and "minta_petugas" in reasons, reasons


async def test_no_nik_phone_or_email_in_the_log_tables_or_rasa(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    sender = stack.sender_for(chat_id)
    await ask(standin, chat_id, f"tolong cek nik {NIK} ya")
    await ask(standin, chat_id, "batal")
    await ask(standin, chat_id, f"hubungi saya di {PHONE} atau {EMAIL}, kapan klj cair?")
    await logged_when_done(stack, sender, 3)
    await asyncio.sleep(0.5)
    forbidden = [re.sub(r"\D", "", NIK), re.sub(r"\D", "", PHONE), PHONE, EMAIL, "contoh.id"]
    stored = []
    for database in stack.var_dir.glob("*.sqlite3"):  # the question log and Rasa's tracker store
        with sqlite3.connect(database) as connection:
            for (table,) in connection.execute("select name from sqlite_master where type='table'"):
                stored.append(
                    (f"{database.name}:{table}", repr(connection.execute(f'select * from "{table}"').fetchall()))
                )
    for where, content in stored:
        squeezed = re.sub(r"[\s.\-]", "", content)
        for value in forbidden:
            assert value not in content and re.sub(r"[\s.\-]", "", value) not in squeezed, f"{value} in {where}"
    texts = [t["text"] for t in await logged_when_done(stack, sender, 3)]
    assert texts[0] == "tolong cek nik [NIK] ya"
    assert texts[2] == "hubungi saya di [TELEPON] atau [EMAIL], kapan klj cair?"
