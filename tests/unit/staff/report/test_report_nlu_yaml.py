"""Reading nlu/ and writing NLU YAML: duplicates found, programs annotated as nlu/ does it."""

from __future__ import annotations

import yaml

from infobansos.settings import PROJECT_ROOT
from staff.report.nlu_yaml import (
    IntentBlock,
    ProgramAnnotator,
    clean_example,
    existing_examples,
    nlu_document,
    plain,
)

NLU = PROJECT_ROOT / "nlu"
PROGRAMS = frozenset({"kjp_plus", "kjmu", "klj", "kpdj", "kaj", "pkh", "bpnt", "pbi_jk", "pip"})


def test_plain_drops_annotations_case_and_spacing() -> None:
    assert plain('cek  [KJP]{"entity": "program", "value": "kjp_plus"} dimana') == "cek kjp dimana"
    assert plain("cara cek [klj](program)") == "cara cek klj"


def test_existing_examples_come_from_every_file_in_nlu() -> None:
    known = existing_examples(NLU)
    assert "cek desil" in known and "cara cek klj" in plain("cara cek [klj](program)")
    assert len(known) > 1_000


def test_program_names_are_annotated_with_their_key_longest_first() -> None:
    annotator = ProgramAnnotator.from_nlu(NLU, PROGRAMS)
    assert annotator.annotate("syarat kartu lansia jakarta apa") == (
        'syarat [kartu lansia jakarta]{"entity": "program", "value": "klj"} apa'
    )
    assert annotator.annotate("KLJ kapan cair") == '[KLJ]{"entity": "program", "value": "klj"} kapan cair'
    assert annotator.annotate("klj kapan cair") == "[klj](program) kapan cair"
    assert annotator.annotate("kjp+ cair") == '[kjp+]{"entity": "program", "value": "kjp_plus"} cair'
    assert annotator.annotate("bansos beras kapan") == "bansos beras kapan"
    assert annotator.annotate("kjpx cair") == "kjpx cair", "only whole names"


def test_residents_text_is_made_safe_for_an_example() -> None:
    assert clean_example("  kartu\nhilang  ") == "kartu hilang"
    assert clean_example("nik saya [NIK] kok ditolak") is None, "placeholders never become training data"
    assert clean_example('/tanya_syarat{"program": "klj"}') is None
    assert clean_example("kjp [anak] {sd}") == "kjp (anak) (sd)"


def test_the_document_is_rasa_nlu_yaml() -> None:
    text = nlu_document(["periksa dulu"], [IntentBlock("tanya_syarat", "dari klaster 1", ["a b", "[klj](program) c"])])
    assert text.startswith("# periksa dulu\n")
    data = yaml.safe_load(text)
    assert data["version"] == "3.1"
    assert data["nlu"] == [{"intent": "tanya_syarat", "examples": "- a b\n- [klj](program) c\n"}]
