"""Reading eligibility.yml: the shipped file is complete, and a staff mistake is named, not ignored."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from infobansos.content.templates import ContentError
from infobansos.eligibility import UNKNOWN, load_eligibility
from infobansos.eligibility.models import PROGRAMS
from infobansos.settings import PROJECT_ROOT

PATH = PROJECT_ROOT / "content" / "eligibility.yml"
SHIPPED: dict[str, Any] = yaml.safe_load(PATH.read_text(encoding="utf-8"))


def shipped() -> dict[str, Any]:
    return copy.deepcopy(SHIPPED)


def error(data: dict[str, Any]) -> str:
    with pytest.raises(ContentError) as caught:
        load_eligibility(data, Path("eligibility.yml"))
    return str(caught.value)


def test_the_shipped_rules_cover_the_eight_questions_and_eleven_programs() -> None:
    rules = load_eligibility(SHIPPED, PATH)
    assert [q.key for q in rules.questions] == [
        "domisili",
        "dtsen",
        "desil",
        "anggota",
        "jenjang",
        "pengecualian",
        "pekerja",
        "bantuan_lain",
    ]
    assert [p.program for p in rules.programs] == list(PROGRAMS)
    assert {q.key for q in rules.questions if q.multi} == {"anggota", "jenjang"}


def test_every_question_can_be_skipped_with_a_short_button() -> None:
    for question in load_eligibility(SHIPPED, PATH).questions:
        assert question.options[-1].value == UNKNOWN and question.options[-1].label == "Tidak tahu / lewati"
        assert all(len(o.label) <= 30 for o in question.options), question.key


def test_the_spec_option_codes_are_the_ones_in_the_file() -> None:
    rules = load_eligibility(SHIPPED, PATH)
    codes = {q.key: [o.value for o in q.options[:-1]] for q in rules.questions}
    assert codes["domisili"] == ["ktp_dki_lama", "ktp_dki_baru", "bukan_dki"]
    assert codes["desil"] == ["1", "2", "3", "4", "5", "6_ke_atas"]
    assert codes["anggota"] == ["anak_sekolah", "mahasiswa", "balita", "lansia", "disabilitas", "tidak_ada"]
    assert codes["jenjang"] == ["sd", "smp", "sma", "paket"]
    for key in ("dtsen", "pengecualian", "pekerja", "bantuan_lain"):
        assert codes[key] == ["ya", "tidak"]


def test_a_rule_without_a_source_is_named() -> None:
    data = shipped()
    del data["programs"]["klj"][0]["source"]
    assert error(data) == "eligibility.yml: programs.klj[0] (klj_tanpa_sasaran).source: belum diisi."


def test_a_rule_without_a_check_date_is_named() -> None:
    data = shipped()
    data["programs"]["kaj"][2]["checked"] = "kemarin"
    assert "programs.kaj[2] (kaj_bukan_dki).checked: harus berupa date" in error(data)


def test_a_misspelt_question_in_a_rule_is_named() -> None:
    data = shipped()
    data["programs"]["klj"][2]["when"] = {"domisilli": ["bukan_dki"]}
    message = error(data)
    assert "programs.klj[2] (klj_bukan_dki).when.domisilli" in message
    assert "'domisilli' bukan pertanyaan di eligibility.yml" in message


def test_an_unknown_answer_code_is_named_with_the_allowed_ones() -> None:
    data = shipped()
    data["programs"]["pkh"][-2]["when"] = {"desil": ["7"]}
    message = error(data)
    assert "'7' bukan jawaban untuk 'desil'" in message and "6_ke_atas" in message


def test_a_program_can_only_follow_programs_above_it() -> None:
    data = shipped()
    data["programs"]["kjp_plus"][0]["when"] = {"pangan_murah": ["mungkin"]}
    assert "'pangan_murah' bukan pertanyaan di eligibility.yml, dan bukan program" in error(data)


def test_a_question_may_only_depend_on_earlier_questions() -> None:
    data = shipped()
    data["questions"][0]["ask_if"] = {"dtsen": ["ya"]}
    assert "questions[0] (domisili).ask_if.dtsen" in error(data)


def test_a_misspelt_field_is_refused_not_dropped() -> None:
    data = shipped()
    data["programs"]["bpnt"][0]["sources"] = data["programs"]["bpnt"][0].pop("source")
    assert "programs.bpnt[0] (bpnt_daftar_negatif).sources: kolom tidak dikenal" in error(data)


def test_a_wrong_verdict_and_an_unknown_step_are_named() -> None:
    data = shipped()
    data["programs"]["pip"][0]["verdict"] = "mungkin_saja"
    assert "verdict: harus salah satu dari: mungkin, perlu_dicek, belum." in error(data)
    data = shipped()
    data["programs"]["pip"][0]["steps"] = ["daftar_dtks"]
    assert "langkah 'daftar_dtks' tidak ada di result.next_steps." in error(data)


def test_a_duplicate_rule_id_is_named() -> None:
    data = shipped()
    data["programs"]["kaj"][0]["id"] = "klj_tanpa_sasaran"
    assert "'klj_tanpa_sasaran' dipakai lebih dari sekali." in error(data)


def test_a_list_of_conditions_matches_any_of_them() -> None:
    rules = load_eligibility(SHIPPED, PATH)
    bantuan = rules.question("bantuan_lain")
    assert bantuan is not None and bantuan.ask_if is not None and len(bantuan.ask_if) == 2
