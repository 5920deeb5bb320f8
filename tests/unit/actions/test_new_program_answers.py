"""The three programs added for issue 14 (KPJ, pangan murah, KPARJ), as `action_answer` renders them.

Each test is a fact a resident relies on, or a detail FACTS marks unverified that must stay out.
"""

from __future__ import annotations

import pytest
from answer_tracker import run

from infobansos import protocol

NEW_PROGRAMS = ("kpj", "pangan_murah", "kparj")


async def answer(intent: str, program: str | None) -> str:
    dispatcher = await run(intent, slots={"program": program})
    return dispatcher.messages[0]["text"]


@pytest.mark.parametrize("intent", sorted(protocol.PROGRAM_QUESTIONS))
@pytest.mark.parametrize("program", NEW_PROGRAMS)
async def test_every_question_type_has_its_own_answer_for_the_new_programs(intent: str, program: str) -> None:
    general = await answer(intent, None)
    specific = await answer(intent, program)
    assert specific != general, f"{intent} for {program} falls back to the general answer"


async def test_kpj_salary_ceiling_and_where_to_confirm_it() -> None:
    text = await answer("tanya_syarat", "kpj")
    assert "Rp6.589.357" in text and "KTP DKI" in text
    assert "@dinaskertrans_dki" in text, "a figure from one news site says where to confirm it"


@pytest.mark.parametrize("intent", sorted(protocol.PROGRAM_QUESTIONS))
async def test_kpj_never_gives_the_unverified_email_intake(intent: str) -> None:
    # FACTS §8: the yahoo.com intake address must be confirmed with Disnakertransgi before publishing.
    text = await answer(intent, "kpj")
    assert "yahoo" not in text and "@" not in text.replace("@dinaskertrans_dki", "")


async def test_kpj_is_not_based_on_dtsen() -> None:
    text = await answer("tanya_program", "kpj")
    assert "tidak memakai DTSEN" in text


async def test_pangan_murah_prices_and_how_to_buy() -> None:
    prices = await answer("tanya_besaran", "pangan_murah")
    assert "Rp30.000 per 5 kg" in prices and "sebulan sekali" in prices
    steps = await answer("tanya_cara_daftar", "pangan_murah")
    assert "antrean" in steps and "Bank DKI" in steps and "KK" in steps


async def test_pangan_murah_puts_kjp_plus_holders_first() -> None:
    text = await answer("tanya_syarat", "pangan_murah")
    assert text.index("KJP Plus") < text.index("kuota")


@pytest.mark.parametrize("intent", sorted(protocol.PROGRAM_QUESTIONS))
async def test_every_kparj_answer_sends_residents_to_the_kelurahan(intent: str) -> None:
    # FACTS §3.7/§8: whether KPARJ still runs after 2023 is unverified, so no answer may stop at old facts.
    text = await answer(intent, "kparj")
    assert "kelurahan" in text


async def test_kparj_amount_is_dated_and_hedged() -> None:
    text = await answer("tanya_besaran", "kparj")
    assert "Rp300.000" in text and "Desember 2021" in text and "belum bisa memastikan" in text
