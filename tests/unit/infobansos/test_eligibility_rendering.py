"""The result message a resident reads: grouped verdicts with reasons, next steps, disclaimer, buttons."""

from __future__ import annotations

import pytest
import yaml

from infobansos.eligibility import UNKNOWN, EligibilityRules, evaluate, load_eligibility, render_result
from infobansos.eligibility.rendering import MAX_BUTTONS, TELEGRAM_MAX_CHARS, describe_condition, short_name
from infobansos.settings import PROJECT_ROOT

CONTENT = PROJECT_ROOT / "content"
NAMES = {
    key: program["name"]
    for key, program in yaml.safe_load((CONTENT / "programs.yml").read_text(encoding="utf-8"))["programs"].items()
}
ELDER = {
    "domisili": "ktp_dki_lama",
    "dtsen": "ya",
    "desil": "2",
    "anggota": ("lansia",),
    "pengecualian": "tidak",
    "pekerja": "tidak",
}


@pytest.fixture(scope="module")
def rules() -> EligibilityRules:
    path = CONTENT / "eligibility.yml"
    return load_eligibility(yaml.safe_load(path.read_text(encoding="utf-8")), path)


def test_likely_programs_come_first_then_to_check_then_not_yet(rules: EligibilityRules) -> None:
    text = render_result(rules, evaluate(rules, ELDER), NAMES).text
    likely, check, not_yet = (text.index(rules.result.verdicts[v]) for v in ("mungkin", "perlu_dicek", "belum"))
    assert likely < check < not_yet
    assert text.index(NAMES["klj"]) < check  # the elder's KLJ is among the likely ones
    assert check < text.index(NAMES["pkh"]) < not_yet  # PKH's elderly component is 70+: to check


def test_every_program_is_listed_with_its_reason(rules: EligibilityRules) -> None:
    results = evaluate(rules, ELDER)
    text = render_result(rules, results, NAMES).text
    for result in results:
        assert f"{NAMES[result.program]}: {result.reason}" in text


def test_the_disclaimer_is_always_there(rules: EligibilityRules) -> None:
    for answers in (ELDER, {q.key: UNKNOWN for q in rules.questions}, {}):
        text = render_result(rules, evaluate(rules, answers), NAMES).text
        assert "Ini perkiraan, bukan keputusan" in text
        assert "Dinsos" in text and "Disdik" in text and "Kemensos" in text


def test_next_steps_start_with_getting_into_dtsen_then_the_program(rules: EligibilityRules) -> None:
    outside = {**ELDER, "dtsen": "tidak"}
    del outside["desil"]
    text = render_result(rules, evaluate(rules, outside), NAMES).text
    steps = text[text.index(rules.result.steps_title) :]
    assert "1. Minta keluarga Anda dimasukkan ke DTSEN" in steps and "Usul" in steps
    assert steps.index("DTSEN") < steps.index("cara daftar tiap program")


def test_desil_unknown_asks_to_look_it_up_in_cek_bansos(rules: EligibilityRules) -> None:
    text = render_result(rules, evaluate(rules, {**ELDER, "desil": UNKNOWN}), NAMES).text
    assert "menu Profil" in text


def test_buttons_lead_to_requirements_and_registration_of_open_programs(rules: EligibilityRules) -> None:
    results = evaluate(rules, ELDER)
    buttons = render_result(rules, results, NAMES).buttons
    open_programs = [r.program for r in results if r.verdict != "belum"]
    assert buttons[0].title == "Syarat KLJ" and buttons[0].payload == '/tanya_syarat{"program": "klj"}'
    assert all(len(b.title) <= 30 for b in buttons)
    assert len(buttons) <= MAX_BUTTONS
    for program in open_programs:
        assert f'/tanya_syarat{{"program": "{program}"}}' in [b.payload for b in buttons]
    assert not any('"kjp_plus"' in b.payload for b in buttons)  # "belum": no button


def test_two_buttons_each_when_they_fit(rules: EligibilityRules) -> None:
    results = evaluate(rules, {**ELDER, "desil": "6_ke_atas", "pekerja": "ya"})  # only KPJ and pangan murah open
    payloads = [b.payload for b in render_result(rules, results, NAMES).buttons]
    assert payloads == [
        '/tanya_syarat{"program": "kpj"}',
        '/tanya_cara_daftar{"program": "kpj"}',
        '/tanya_syarat{"program": "pangan_murah"}',
        '/tanya_cara_daftar{"program": "pangan_murah"}',
    ]


def test_everything_unknown_still_fits_telegram_and_eight_buttons(rules: EligibilityRules) -> None:
    rendered = render_result(rules, evaluate(rules, {q.key: UNKNOWN for q in rules.questions}), NAMES)
    assert len(rendered.text) <= TELEGRAM_MAX_CHARS
    assert len(rendered.buttons) == MAX_BUTTONS


def test_a_program_without_a_name_is_still_shown() -> None:
    assert short_name("KLJ (Kartu Lansia Jakarta)") == "KLJ"
    assert short_name("BPNT / Program Sembako") == "BPNT / Program Sembako"


def test_a_rule_condition_reads_as_staff_wrote_it(rules: EligibilityRules) -> None:
    """For the console's read-only page of the rules."""
    kjp = rules.rule("kjp_plus_anak_pekerja")
    bantuan = rules.question("bantuan_lain")
    assert kjp is not None and bantuan is not None
    assert describe_condition(kjp.when) == "dtsen: tidak, tidak_tahu; pekerja: ya"
    assert describe_condition(bantuan.ask_if) == "anggota: mahasiswa, tidak_tahu | dtsen: tidak_tahu"
    assert describe_condition(None) == ""
