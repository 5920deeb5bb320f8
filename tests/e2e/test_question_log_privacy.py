"""Issue 6: every turn logged with its signals, and nothing personal in the log (scanned)."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import unicodedata

import pytest

from infobansos.privacy.number_shapes import ascii_digits
from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack
from tests.e2e.test_conversation import ask
from tests.e2e.test_feedback_buttons import logged_when_done

pytestmark = pytest.mark.e2e
NIK = "3175091507800021"
PHONE = "0813-9876-5432"
EMAIL = "budi.santoso77@contoh.id"
# Separators, zero-width characters and lookalike letters a squeezed copy of the stores leaves out.
_SQUEEZE = re.compile(r"\\n|\\u200b|\\ufeff|[\s.,/_\-\u2010-\u2015\u200b-\u200d\ufeff\\]")
_LOOKALIKES = re.compile(r"(?<=\d)[OoIl]+(?=\d)")


def squeezed(content: str) -> str:
    """Stored text with separators removed and every script's digits as ASCII, so a number stored in
    any of the shapes residents type shows up as its plain digits."""
    text = _SQUEEZE.sub("", unicodedata.normalize("NFKC", content))
    text = "".join(ascii_digits(char) or char for char in text)
    return _LOOKALIKES.sub(lambda match: match.group().translate(str.maketrans("OoIl", "0011")), text)


def everything_stored(stack: RunningStack) -> list[tuple[str, str]]:
    """Every table of the question log and Rasa's tracker store, and every log file of the stack."""
    stored = []
    for database in stack.var_dir.glob("*.sqlite3"):
        with sqlite3.connect(database) as connection:
            for (table,) in connection.execute("select name from sqlite_master where type='table'"):
                stored.append(
                    (f"{database.name}:{table}", repr(connection.execute(f'select * from "{table}"').fetchall()))
                )
    for log in [*stack.var_dir.glob("log/*"), stack.log_path]:
        if log.is_file():
            stored.append((log.name, log.read_text(encoding="utf-8", errors="replace")))
    assert any(where.startswith("rasa") or "event" in where for where, _ in stored), "the tracker store is scanned"
    return stored


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
    for where, content in everything_stored(stack):
        squeezed = re.sub(r"[\s.\-]", "", content)
        for value in forbidden:
            assert value not in content and re.sub(r"[\s.\-]", "", value) not in squeezed, f"{value} in {where}"
    texts = [t["text"] for t in await logged_when_done(stack, sender, 3)]
    assert texts[0] == "tolong cek nik [NIK] ya"
    assert texts[2] == "hubungi saya di [TELEPON] atau [EMAIL], kapan klj cair?"


async def test_a_nik_typed_in_other_shapes_or_split_is_nowhere_and_still_checked(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    """Full-width digits, O for 0 with " - ", one group per line, and a NIK sent in two halves."""
    sender = stack.sender_for(chat_id)
    shapes = [
        "nik saya ３１７５０９１５０７８０００２１ kapan klj cair",
        "cek nik 3175 - O915 - O780 - OO21 ya",
        "nik\n3175\n0915\n0780\n0021\nkjp kapan cair",
    ]
    for number, text in enumerate(shapes, start=1):
        await ask(standin, chat_id, text)
        await logged_when_done(stack, sender, number)
    await ask(standin, chat_id, "batal")
    await ask(standin, chat_id, "saya mau cek status bansos")
    await ask(standin, chat_id, "nik saya 3175 0915")
    [reply] = await ask(standin, chat_id, "0780 0021")
    assert "3175********0021" in reply.text, "the two halves reached the status check as one NIK"
    texts = [t["text"] for t in await logged_when_done(stack, sender, 7)]
    assert texts[5:] == ["nik saya [NIK]", "[NIK]"]
    await asyncio.sleep(0.5)
    halves = [NIK[:8], NIK[8:]]
    for where, content in everything_stored(stack):
        plain = squeezed(content)
        assert NIK not in plain, f"the NIK is in {where}"
        if where.startswith("infobansos") or where.endswith(".log"):
            assert not any(half in plain for half in halves), f"half the NIK is in {where}"
