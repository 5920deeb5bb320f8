from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nlu_components.program_names import drop_qualifiers, is_negated, load_keywords, programs_named_in, resolve_program

KNOWN = frozenset(key for key, _ in load_keywords())


def test_every_program_in_the_domain_has_keywords() -> None:
    domain = yaml.safe_load((Path(__file__).parents[3] / "domain.yml").read_text(encoding="utf-8"))
    assert frozenset(domain["slots"]["program"]["values"]) == KNOWN


@pytest.mark.parametrize(
    ("span", "key"),
    [
        ("klj", "klj"),
        ("kartu disabilitas jakarta", "kpdj"),
        ("disabilitas jakarta", "kpdj"),
        ("Indonesia Pintar", "pip"),
        ("kartu jakarta pintar", "kjp_plus"),
        ("kks sembako", "bpnt"),
        ("bpjs", "pbi_jk"),
        ("kartu mahasiswa", "kjmu"),
        ("bansos lansia", "klj"),
        ("PKH lansia", "pkh"),
        ("pkh disabilitas", "pkh"),
    ],
)
def test_odd_program_spans_resolve_to_one_key(span: str, key: str) -> None:
    assert resolve_program(span, KNOWN) == key


@pytest.mark.parametrize("span", ["kartu", "bantuan", "jakarta", ""])
def test_spans_that_name_no_program_are_dropped(span: str) -> None:
    assert resolve_program(span, KNOWN) is None


@pytest.mark.parametrize(
    ("text", "program", "negated"),
    [
        ("maksudnya kartu disabilitas bukan kartu anak", "kartu anak", True),
        ("maksudnya kartu disabilitas bukan kartu anak", "kartu disabilitas", False),
        ("ada bantuan lain ga selain bpjs", "bpjs", True),
        ("bukan yang KLJ, yang PKH", "KLJ", True),
        ("is there anything other than KJP", "KJP", True),
        ("besarnya sama kaya KLJ ga?", "KLJ", True),  # compared with, not asked about
        # "bukan" about something else before the program: the program is still the one asked about
        ("kenapa saya bukan penerima KJP lagi", "KJP", False),
        ("syarat KLJ apa aja", "KLJ", False),
    ],
)
def test_a_program_the_resident_says_is_not_meant_is_negated(text: str, program: str, negated: bool) -> None:
    assert is_negated(text, text.index(program)) is negated


@pytest.mark.parametrize(
    ("text", "programs"),
    [
        (
            "Kakek dulu tukang pijat. Kami hidup dari KLJ kakek, tapi bulan ini belum masuk. Tanggal berapa cairnya?",
            {"klj"},
        ),
        ("Kemarin BPJS nya sudah tidak aktif. Kenapa ya?", {"pbi_jk"}),
        ("ada bantuan lain ga selain bpjs", set()),
        ("kisah saya panjang, tolong dibaca", set()),  # "kis" only as a whole word
        ("pencairan JHT BPJS Ketenagakerjaan habis kena PHK berapa lama?", set()),
        ("anak saya dapat kjp, kakaknya kuliah", {"kjp_plus", "kjmu"}),
    ],
)
def test_programs_named_anywhere_in_the_text(text: str, programs: set[str]) -> None:
    assert set(programs_named_in(text)) == programs


def test_a_program_right_after_another_only_qualifies_it() -> None:
    text = "PKH lansia dapat berapa?"
    assert drop_qualifiers([(0, 3), (4, 10)], text) == {1}, '"lansia" qualifies PKH'
    text = "KJP dan KLJ"
    assert drop_qualifiers([(0, 3), (8, 11)], text) == set(), "two programs named apart stay"
