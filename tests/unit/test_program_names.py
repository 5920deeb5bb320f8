from __future__ import annotations

import pytest

from nlu_components.program_names import load_keywords, resolve_program

KNOWN = frozenset(key for key, _ in load_keywords())


def test_every_program_in_the_domain_has_keywords() -> None:
    assert frozenset({"kjp_plus", "kjmu", "klj", "kpdj", "kaj", "pkh", "bpnt", "pbi_jk", "pip"}) == KNOWN


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
    ],
)
def test_odd_program_spans_resolve_to_one_key(span: str, key: str) -> None:
    assert resolve_program(span, KNOWN) == key


@pytest.mark.parametrize("span", ["kartu", "bantuan", "jakarta", ""])
def test_spans_that_name_no_program_are_dropped(span: str) -> None:
    assert resolve_program(span, KNOWN) is None
