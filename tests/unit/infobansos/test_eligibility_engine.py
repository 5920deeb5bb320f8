"""The verdicts a household gets, program by program, written from FACTS (§1.6, §2.4–2.5, §3).

Each profile is a household a resident might describe; the expected verdicts were worked out from
FACTS before running the rules: M = "kemungkinan memenuhi syarat", C = "perlu dicek",
B = "belum memenuhi". Where FACTS says sources disagree (BPNT at desil 5, the DKI programs' desil
cut-off) or a criterion was not asked (KJMU's campus, PKH's 70+ elderly), the answer is C.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

from infobansos.eligibility import UNKNOWN, Answers, EligibilityRules, evaluate, load_eligibility, next_question
from infobansos.eligibility.engine import relevant_answers
from infobansos.eligibility.models import PROGRAMS
from infobansos.settings import PROJECT_ROOT

T = UNKNOWN
CODES = {"M": "mungkin", "C": "perlu_dicek", "B": "belum"}


@pytest.fixture(scope="module")
def rules() -> EligibilityRules:
    path = PROJECT_ROOT / "content" / "eligibility.yml"
    return load_eligibility(yaml.safe_load(path.read_text(encoding="utf-8")), Path(path))


def household(**answers: str | tuple[str, ...]) -> dict[str, str | tuple[str, ...]]:
    """A DKI family (KTP over a year), no ASN/car, nobody working in Jakarta, unless said otherwise."""
    return {"domisili": "ktp_dki_lama", "pengecualian": "tidak", "pekerja": "tidak", **answers}


def verdicts(others: str, **programs: str) -> dict[str, str]:
    """Every program's expected verdict: the named ones, and `others` for the rest."""
    return {p: CODES[programs.get(p, others)] for p in PROGRAMS}


PROFILES: list[tuple[str, Answers, Mapping[str, str]]] = [
    (
        "elder living alone, in DTSEN desil 2",
        household(dtsen="ya", desil="2", anggota=("lansia",)),
        verdicts("B", klj="M", bpnt="M", pbi_jk="M", pangan_murah="M", pkh="C"),
    ),
    (
        "family with SD and SMA children, not in DTSEN",
        household(dtsen="tidak", anggota=("anak_sekolah",), jenjang=("sd", "sma")),
        verdicts("B"),
    ),
    (
        "same family, a parent works in Jakarta on about the UMP",
        household(dtsen="tidak", anggota=("anak_sekolah",), jenjang=("sd", "sma"), pekerja="ya"),
        verdicts("B", kjp_plus="C", kpj="M", pangan_murah="M"),
    ),
    (
        "ASN household with a school child and an elder, desil 3",
        household(dtsen="ya", desil="3", anggota=("anak_sekolah", "lansia"), jenjang=("smp",), pengecualian="ya"),
        verdicts("B"),
    ),
    (
        "student at a private university, desil 3, no other scholarship",
        household(dtsen="ya", desil="3", anggota=("mahasiswa",), bantuan_lain="tidak"),
        verdicts("B", kjmu="C", bpnt="M", pbi_jk="M"),
    ),
    (
        "student who already has KIP Kuliah, desil 2",
        household(dtsen="ya", desil="2", anggota=("mahasiswa",), bantuan_lain="ya"),
        verdicts("B", kjmu="C", bpnt="M", pbi_jk="M"),
    ),
    (
        "student, family in desil 6 or higher",
        household(dtsen="ya", desil="6_ke_atas", anggota=("mahasiswa",), bantuan_lain="tidak"),
        verdicts("B"),
    ),
    (
        "child aged 4 with a disability, desil 1",
        household(dtsen="ya", desil="1", anggota=("balita", "disabilitas")),
        verdicts("B", kaj="M", kpdj="M", pkh="M", bpnt="M", pbi_jk="M", pangan_murah="M"),
    ),
    (
        "worker with a Jakarta job, nobody else, not in DTSEN",
        household(dtsen="tidak", anggota=("tidak_ada",), pekerja="ya"),
        verdicts("B", kpj="M", pangan_murah="M"),
    ),
    (
        "worker with a Jakarta job, does not know about DTSEN",
        household(dtsen=T, anggota=("tidak_ada",), pekerja="ya", bantuan_lain="tidak"),
        verdicts("B", kpj="M", pangan_murah="M", bpnt="C", pbi_jk="C"),
    ),
    (
        "non-DKI KTP with an elder and an SD child, desil 2",
        household(domisili="bukan_dki", dtsen="ya", desil="2", anggota=("anak_sekolah", "lansia"), jenjang=("sd",)),
        verdicts("B", pkh="M", bpnt="M", pbi_jk="M", pip="M"),
    ),
    (
        "new DKI KTP (under a year), elder, desil 2",
        household(domisili="ktp_dki_baru", dtsen="ya", desil="2", anggota=("lansia",)),
        verdicts("B", klj="C", pangan_murah="C", pkh="C", bpnt="M", pbi_jk="M"),
    ),
    (
        "desil 5 with a school child and a toddler (sources disagree on desil 5)",
        household(dtsen="ya", desil="5", anggota=("anak_sekolah", "balita"), jenjang=("smp",)),
        verdicts("B", kjp_plus="C", kaj="C", bpnt="C", pbi_jk="M", pip="C", pangan_murah="C"),
    ),
    (
        "every question answered 'tidak tahu'",
        {"domisili": T, "dtsen": T, "anggota": T, "pengecualian": T, "pekerja": T, "bantuan_lain": T},
        verdicts("C"),
    ),
    (
        "already receiving PKH: desil 1, SD child and a toddler",
        household(dtsen="ya", desil="1", anggota=("anak_sekolah", "balita"), jenjang=("sd",), bantuan_lain="ya"),
        verdicts("B", pkh="M", kjp_plus="M", kaj="M", bpnt="M", pbi_jk="M", pip="M", pangan_murah="M"),
    ),
    (
        "receives aid already but does not know about DTSEN, elder",
        household(dtsen=T, anggota=("lansia",), bantuan_lain="ya"),
        verdicts("B", klj="C", pkh="C", bpnt="C", pbi_jk="C", pangan_murah="C"),
    ),
    (
        "elder in desil 6 or higher",
        household(dtsen="ya", desil="6_ke_atas", anggota=("lansia",)),
        verdicts("B"),
    ),
    (
        "elder in DTSEN, desil not known",
        household(dtsen="ya", desil=T, anggota=("lansia",)),
        verdicts("B", klj="C", pkh="C", bpnt="C", pbi_jk="C", pangan_murah="C"),
    ),
    (
        "elder and a person with a disability, desil 4",
        household(dtsen="ya", desil="4", anggota=("lansia", "disabilitas")),
        verdicts("B", klj="M", kpdj="M", pkh="C", bpnt="M", pbi_jk="M", pangan_murah="M"),
    ),
    (
        "retired civil servant, elder, desil 2",
        household(dtsen="ya", desil="2", anggota=("lansia",), pengecualian="ya"),
        verdicts("B"),
    ),
    (
        "family owns a car, toddler, desil 2",
        household(dtsen="ya", desil="2", anggota=("balita",), pengecualian="ya"),
        verdicts("B"),
    ),
    (
        "does not know about ASN or car, elder, desil 2",
        household(dtsen="ya", desil="2", anggota=("lansia",), pengecualian=T),
        verdicts("B", klj="C", pkh="C", bpnt="C", pbi_jk="C", pangan_murah="C"),
    ),
    (
        "does not know which KTP, elder, desil 2",
        household(domisili=T, dtsen="ya", desil="2", anggota=("lansia",)),
        verdicts("B", klj="C", pkh="C", bpnt="M", pbi_jk="M", pangan_murah="C"),
    ),
    (
        "SMP child, desil 4 (KJP Plus cut-off unsure)",
        household(dtsen="ya", desil="4", anggota=("anak_sekolah",), jenjang=("smp",)),
        verdicts("B", kjp_plus="C", pip="M", pkh="M", bpnt="M", pbi_jk="M", pangan_murah="C"),
    ),
    (
        "Paket C learner, desil 1",
        household(dtsen="ya", desil="1", anggota=("anak_sekolah",), jenjang=("paket",)),
        verdicts("B", kjp_plus="M", pip="M", pkh="M", bpnt="M", pbi_jk="M", pangan_murah="M"),
    ),
    (
        "adults only, desil 3",
        household(dtsen="ya", desil="3", anggota=("tidak_ada",)),
        verdicts("B", bpnt="M", pbi_jk="M"),
    ),
    (
        "elder and toddler, not in DTSEN",
        household(dtsen="tidak", anggota=("lansia", "balita")),
        verdicts("B"),
    ),
    (
        "household members not given, desil 2",
        household(dtsen="ya", desil="2", anggota=T, bantuan_lain="tidak"),
        verdicts("C", kpj="B", bpnt="M", pbi_jk="M"),
    ),
    (
        "non-DKI KTP, adults only, not in DTSEN",
        {"domisili": "bukan_dki", "dtsen": "tidak", "anggota": ("tidak_ada",), "pengecualian": "tidak"},
        verdicts("B"),
    ),
    (
        "new DKI KTP, student and SD child, desil 2",
        household(
            domisili="ktp_dki_baru", dtsen="ya", desil="2", anggota=("anak_sekolah", "mahasiswa"), bantuan_lain="tidak"
        ),
        verdicts("B", kjmu="C", kjp_plus="C", pip="M", pkh="M", bpnt="M", pbi_jk="M", pangan_murah="C"),
    ),
    (
        "big family in desil 1 with everyone, a worker in Jakarta",
        household(
            dtsen="ya",
            desil="1",
            anggota=("anak_sekolah", "mahasiswa", "balita", "lansia", "disabilitas"),
            jenjang=("sd", "sma"),
            pekerja="ya",
            bantuan_lain="tidak",
        ),
        verdicts("M", kjmu="C"),
    ),
    (
        "student, not in DTSEN",
        household(dtsen="tidak", anggota=("mahasiswa",), bantuan_lain="tidak"),
        verdicts("B"),
    ),
    (
        "worker in Jakarta with a toddler, desil 5",
        household(dtsen="ya", desil="5", anggota=("balita",), pekerja="ya"),
        verdicts("B", kpj="M", kaj="C", bpnt="C", pbi_jk="M", pangan_murah="M"),
    ),
    (
        "left after the first question",
        {"domisili": "ktp_dki_lama"},
        verdicts("C"),
    ),
    (
        "adult with a disability, desil 3",
        household(dtsen="ya", desil="3", anggota=("disabilitas",)),
        verdicts("B", kpdj="M", pkh="C", bpnt="M", pbi_jk="M", pangan_murah="M"),
    ),
]


@pytest.mark.parametrize(("name", "answers", "expected"), PROFILES, ids=[p[0] for p in PROFILES])
def test_each_household_gets_the_verdicts_facts_support(
    rules: EligibilityRules, name: str, answers: Answers, expected: Mapping[str, str]
) -> None:
    results = evaluate(rules, answers)
    assert [r.program for r in results] == list(PROGRAMS)
    assert {r.program: r.verdict for r in results} == expected


def test_there_are_at_least_33_profiles() -> None:
    assert len(PROFILES) >= 33


@pytest.mark.parametrize(("name", "answers", "expected"), PROFILES, ids=[p[0] for p in PROFILES])
def test_every_verdict_cites_its_rule_with_a_source_and_date(
    rules: EligibilityRules, name: str, answers: Answers, expected: Mapping[str, str]
) -> None:
    for result in evaluate(rules, answers):
        rule = rules.rule(result.rule_id)
        assert rule is not None and rule.reason == result.reason
        assert result.source.startswith(("https://", "http://")) and result.checked.year >= 2025


def test_not_knowing_never_gives_belum(rules: EligibilityRules) -> None:
    """A skipped question must lead to "perlu dicek", never to "belum" on its own."""
    results = evaluate(rules, {q.key: UNKNOWN for q in rules.questions})
    assert {r.verdict for r in results} == {"perlu_dicek"}


def test_desil_5_for_bpnt_says_the_sources_disagree(rules: EligibilityRules) -> None:
    results = evaluate(rules, household(dtsen="ya", desil="5", anggota=("tidak_ada",)))
    bpnt = next(r for r in results if r.program == "bpnt")
    assert bpnt.verdict == "perlu_dicek" and "berbeda" in bpnt.reason


def _walk(rules: EligibilityRules, replies: Mapping[str, str | tuple[str, ...]]) -> list[str]:
    """The questions asked, in order, when the resident answers with `replies` (UNKNOWN otherwise)."""
    answers: dict[str, str | tuple[str, ...]] = {}
    asked = []
    while (question := next_question(rules, answers)) is not None:
        asked.append(question.key)
        answers[question.key] = replies.get(question.key, UNKNOWN)
    return asked


def test_at_most_eight_questions_and_each_asked_once(rules: EligibilityRules) -> None:
    everything = {"dtsen": "ya", "anggota": ("anak_sekolah", "mahasiswa"), "domisili": "ktp_dki_lama"}
    asked = _walk(rules, everything)
    assert asked == [
        "domisili",
        "dtsen",
        "desil",
        "anggota",
        "jenjang",
        "pengecualian",
        "pekerja",
        "bantuan_lain",
    ]


def test_desil_is_asked_only_in_dtsen_and_school_level_only_with_a_school_child(rules: EligibilityRules) -> None:
    asked = _walk(rules, {"domisili": "ktp_dki_lama", "dtsen": "tidak", "anggota": ("lansia",)})
    assert asked == ["domisili", "dtsen", "anggota", "pengecualian", "pekerja"]


def test_the_worker_question_is_skipped_for_a_non_dki_ktp(rules: EligibilityRules) -> None:
    asked = _walk(rules, {"domisili": "bukan_dki", "dtsen": "ya", "desil": "2", "anggota": ("balita",)})
    assert "pekerja" not in asked and "bantuan_lain" not in asked


def test_a_skipped_question_is_not_asked_again(rules: EligibilityRules) -> None:
    answers = {"domisili": UNKNOWN}
    question = next_question(rules, answers)
    assert question is not None and question.key == "dtsen"


def test_a_correction_that_makes_an_answer_irrelevant_drops_it(rules: EligibilityRules) -> None:
    """ "ralat, kami tidak terdaftar DTSEN" after giving desil 2: the desil no longer counts."""
    answers = household(dtsen="tidak", desil="2", anggota=("lansia",))
    assert "desil" not in relevant_answers(rules, answers)
    klj = next(r for r in evaluate(rules, answers) if r.program == "klj")
    assert klj.verdict == "belum" and klj.rule_id == "klj_bukan_dtsen"
