"""The eligibility check ("Apakah saya berhak?", issue 16) through the Telegram stand-in: the whole
path by buttons, skipping with "tidak tahu", a correction, a side question and back, restarting, and
/batal, read message by message as the resident sees them."""

from __future__ import annotations

import sqlite3

import pytest

from standin.server import TelegramStandIn
from standin.state import BotMessage
from tests.e2e.conftest import RunningStack
from tests.e2e.transcript import button_data, payloads, reply_until_quiet, whole_reply

pytestmark = pytest.mark.e2e

DONE = "_selesai"
ESTIMATE = "Ini perkiraan, bukan keputusan"


def answer(key: str, value: str) -> str:
    return f'/cek_kelayakan{{"jwb":"{key}:{value}"}}'


async def press(standin: TelegramStandIn, chat_id: int, message: BotMessage, payload: str) -> list[BotMessage]:
    """Press a button of `message` and read the whole reply."""
    standin.press_button(chat_id, message.message_id, button_data(message, payload))
    return await reply_until_quiet(standin, chat_id)


def asking(messages: list[BotMessage], key: str) -> BotMessage:
    """The message of the reply that asks question `key` (its buttons answer it). The bot joins a
    reply's messages without buttons to the next one, so a line before the question is in it too."""
    prefix = f'/cek_kelayakan{{"jwb":"{key}:'
    return next(m for m in messages if any(p.startswith(prefix) for p in payloads(m)))


async def start(standin: TelegramStandIn, chat_id: int, text: str = "apakah saya berhak dapat bansos?") -> BotMessage:
    reply = await whole_reply(standin, chat_id, text)
    assert "Tidak perlu NIK atau nama" in reply[0].text, [m.text for m in reply]
    return asking(reply, "domisili")


async def test_the_whole_check_by_buttons_ends_with_an_estimate_per_program(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    domisili = await start(standin, chat_id)
    assert "KTP" in domisili.text and answer("domisili", "tidak_tahu") in payloads(domisili)
    dtsen = asking(await press(standin, chat_id, domisili, answer("domisili", "ktp_dki_lama")), "dtsen")
    desil = asking(await press(standin, chat_id, dtsen, answer("dtsen", "ya")), "desil")
    members = asking(await press(standin, chat_id, desil, answer("desil", "2")), "anggota")
    members = asking(await press(standin, chat_id, members, answer("anggota", "lansia")), "anggota")
    assert "Sudah dipilih: Lansia" in members.text and answer("anggota", DONE) in payloads(members)
    assert answer("anggota", "lansia") not in payloads(members)
    exclusions = asking(await press(standin, chat_id, members, answer("anggota", DONE)), "pengecualian")
    worker = asking(await press(standin, chat_id, exclusions, answer("pengecualian", "tidak")), "pekerja")
    [result] = await press(standin, chat_id, worker, answer("pekerja", "tidak"))
    assert result.text.startswith("📋 Hasil cek kelayakan"), result.text
    likely = result.text.split("Perlu dicek")[0]
    assert "KLJ" in likely and "BPNT" in likely
    assert ESTIMATE in result.text
    assert '/tanya_syarat{"program": "klj"}' in payloads(result)


async def test_tidak_tahu_skips_a_question_and_the_desil_is_then_not_asked(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    await start(standin, chat_id, "cek kelayakan dong")
    asked = []
    reply = await whole_reply(standin, chat_id, "ktp jakarta, udah lama")
    for skip in ("skip", *["ga tau"] * 7):  # NLU reads "skip" as "batal"; here it skips the question
        if reply[-1].text.startswith("📋"):
            break
        asked.append(reply[-1].text)
        reply = await whole_reply(standin, chat_id, skip)
    assert reply[-1].text.startswith("📋 Hasil cek kelayakan"), [m.text for m in reply]
    assert "Perlu dicek" in reply[-1].text and ESTIMATE in reply[-1].text
    assert not any("desil berapa" in text for text in asked), "no desil without being in DTSEN"
    assert len(asked) <= 7


async def test_a_correction_changes_an_earlier_answer_and_the_check_goes_on(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    await start(standin, chat_id)
    await whole_reply(standin, chat_id, "ktp dki udah lama")
    await whole_reply(standin, chat_id, "belum terdaftar")
    await whole_reply(standin, chat_id, "ada anak sekolah")
    exclusions = await whole_reply(standin, chat_id, "SD")
    assert "ASN" in exclusions[-1].text
    corrected = await whole_reply(standin, chat_id, "eh salah, anak saya SMA")
    assert corrected[0].text.startswith("Baik, jawaban itu sudah saya ubah"), [m.text for m in corrected]
    assert "ASN" in corrected[-1].text, "the question that was waiting is asked again"


async def test_a_side_question_is_answered_and_the_check_comes_back(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    domisili = await start(standin, chat_id)
    dtsen = asking(await press(standin, chat_id, domisili, answer("domisili", "ktp_dki_lama")), "dtsen")
    side = await whole_reply(standin, chat_id, "syarat KLJ apa?")
    texts = [m.text for m in side]
    assert any("60 tahun" in text for text in texts), texts
    assert any(text.startswith("Kita lanjutkan cek kelayakannya") for text in texts)
    again = asking(side, "dtsen")
    assert again.text.endswith(dtsen.text), "the same question, right under the line saying the check goes on"
    asking(await press(standin, chat_id, again, answer("dtsen", "ya")), "desil")


async def test_restart_and_batal(stack: RunningStack, standin: TelegramStandIn, chat_id: int) -> None:
    await start(standin, chat_id)
    await whole_reply(standin, chat_id, "ktp dki udah lama")
    restarted = await whole_reply(standin, chat_id, "ulang dari awal")
    assert restarted[0].text.startswith("Baik, kita ulang dari awal."), [m.text for m in restarted]
    asking(restarted, "domisili")
    [cancelled] = await whole_reply(standin, chat_id, "/batal")
    assert cancelled.text.startswith("Cek kelayakan dibatalkan")
    reply = await whole_reply(standin, chat_id, "syarat klj apa aja")
    assert "60 tahun" in reply[0].text, "questions are answered as before"


@pytest.mark.parametrize("entry", ["/kelayakan", "bansos apa yang cocok buat ibu saya"])
async def test_the_command_and_a_which_aid_fits_question_start_the_check(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int, entry: str
) -> None:
    """The second is read by NLU as a programs question; the entry words send it to the check."""
    domisili = await start(standin, chat_id, entry)
    assert "KTP" in domisili.text


def _logged(stack: RunningStack, sender: str) -> tuple[list[str], list[tuple[str | None, str | None]]]:
    with sqlite3.connect(stack.var_dir / "infobansos.sqlite3") as connection:
        texts = [
            row[0] for row in connection.execute("select text from turn_log where sender = ? order by id", (sender,))
        ]
        checks = connection.execute(
            "select outcome, likely_programs from eligibility_check order by started_at"
        ).fetchall()
    return texts, checks


async def test_the_question_log_keeps_the_question_but_not_the_households_answers(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    """/privasi: the answers stay in the conversation; staff get counts and the likely programs."""
    _, checks_before = _logged(stack, stack.sender_for(chat_id))
    await start(standin, chat_id, "apakah ibu saya berhak dapat bansos?")
    reply = await whole_reply(standin, chat_id, "ktp jakarta sudah lama")
    for typed in ("belum terdaftar", "ada nenek umur 70", "tidak ada", "tidak"):
        if reply[-1].text.startswith("📋"):
            break
        reply = await whole_reply(standin, chat_id, typed)
    assert ESTIMATE in reply[-1].text
    texts, checks = _logged(stack, stack.sender_for(chat_id))
    assert texts[0] == "apakah ibu saya berhak dapat bansos?"
    assert set(texts[1:]) == {"[jawaban cek kelayakan]"}, texts
    [(outcome, likely)] = checks[len(checks_before) :]  # no sender is stored: the newest row is this one
    assert outcome == "selesai" and likely == "[]", "outside DTSEN no program is likely yet (KLJ needs DTSEN)"
