"""Conversations where a later message leans on an earlier one: another person or program, another
question about the same program, an answer that missed. Every message of every reply is checked."""

from __future__ import annotations

import pytest

from infobansos import protocol
from infobansos.content.store import load_content
from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack
from tests.e2e.transcript import button_data, payloads, whole_reply

pytestmark = pytest.mark.e2e


async def test_a_described_person_then_another_question_keeps_the_program(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [first] = await whole_reply(standin, chat_id, "syarat kartu lansia apa aja")
    assert first.text.startswith("Syarat KLJ (Kartu Lansia Jakarta):")
    [second] = await whole_reply(standin, chat_id, "kalau yang SMA?")
    assert second.text.startswith("Syarat KJP Plus:"), "the same question, for the program that fits the person"
    [third] = await whole_reply(standin, chat_id, "ok and how much do they get")
    assert third.text.startswith("Besaran KJP Plus per bulan:")


@pytest.mark.parametrize(
    ("message", "start"),
    [
        ("anak saya umur 4 tahun ada bantuan?", "👶 KAJ (Kartu Anak Jakarta) adalah"),
        ("ibu saya 66 tahun program apa yang bisa", "👵 KLJ (Kartu Lansia Jakarta) adalah"),
    ],
)
async def test_describing_the_person_answers_for_the_program_that_fits(
    message: str, start: str, stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [reply] = await whole_reply(standin, chat_id, message)
    assert reply.text.startswith(start)


async def test_a_correction_that_names_the_program_gets_the_same_question_for_it(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    """NLU is split between "ga nyambung" and a program switch here; either way the resident means KLJ."""
    [first] = await whole_reply(standin, chat_id, "kjp cair kapan")
    assert first.text.startswith("Jadwal cair KJP Plus:")
    [second] = await whole_reply(standin, chat_id, "eh bukan, maksudnya KLJ")
    assert second.text.startswith("📅 Sejak April 2025, dana KLJ dikirim setiap bulan")


async def test_thanks_then_a_question_in_one_message_gets_the_answer(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    await whole_reply(standin, chat_id, "syarat klj apa aja")
    [reply] = await whole_reply(standin, chat_id, "makasih. satu lagi, daftarnya gimana")
    assert reply.text.startswith("📝 KLJ tidak punya formulir pendaftaran sendiri.")


async def test_an_answer_that_missed_gets_the_other_likely_answers_not_a_contact_list(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [answer] = await whole_reply(standin, chat_id, "syarat klj apa aja")
    assert answer.text.startswith("Syarat KLJ")
    [sorry] = await whole_reply(standin, chat_id, "jawabannya ga nyambung, saya nanya kenapa")
    assert sorry.text.startswith("Maaf, jawaban saya tadi belum pas.")
    offered = payloads(sorry)
    assert '/tanya_syarat{"program": "klj"}' not in offered, "the answer that missed is not offered again"
    assert len(offered) == 4 and offered[-1] == "/tanya_kontak", offered
    per_program = [p for p in offered[:3] if p.partition("{")[0].lstrip("/") in protocol.PROGRAM_QUESTIONS]
    assert per_program and all('"program": "klj"' in p for p in per_program), "the other topics stay with KLJ"


def opening(stack: RunningStack, intent: str, program: str | None = None) -> str:
    """The first line of the content entry the resident should read (read from content/, so a
    rewording there does not break the conversation being tested)."""
    store = load_content(stack.content_dir)
    answer = store.answer_for(intent, program)
    assert answer is not None and answer.program == program, (intent, program)
    return store.render(answer).text.splitlines()[0]


async def test_a_dtsen_question_right_after_kjp_is_about_dtsen_and_the_next_question_is_kjp_again(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    """Issue 14.7: 'cara daftar dtsen gimana' after a KJP answer got KJP Plus's registration."""
    [first] = await whole_reply(standin, chat_id, "kjp cair kapan")
    assert first.text.startswith(opening(stack, protocol.ASK_PAYOUT_DATE, "kjp_plus"))
    [dtsen] = await whole_reply(standin, chat_id, "cara daftar dtsen gimana")
    assert dtsen.text.startswith(opening(stack, protocol.ASK_HOW_TO_REGISTER)), "the way into DTSEN"
    assert not dtsen.text.startswith(opening(stack, protocol.ASK_HOW_TO_REGISTER, "kjp_plus"))
    [amount] = await whole_reply(standin, chat_id, "kalau udah masuk, uangnya berapa?")
    assert amount.text.startswith(opening(stack, protocol.ASK_AMOUNT, "kjp_plus")), "back to KJP Plus"


async def test_the_cara_masuk_dtsen_button_after_a_kjp_question_answers_dtsen_not_kjp(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    await whole_reply(standin, chat_id, "kjp cair kapan")
    [about] = await whole_reply(standin, chat_id, "dtsen itu apa")
    assert about.text.startswith(opening(stack, protocol.ASK_REGISTRY))
    standin.press_button(chat_id, about.message_id, button_data(about, "/tanya_cara_daftar"))
    [reply] = await standin.wait_for_bot_messages(chat_id, timeout=30.0)
    assert reply.text.startswith(opening(stack, protocol.ASK_HOW_TO_REGISTER))
