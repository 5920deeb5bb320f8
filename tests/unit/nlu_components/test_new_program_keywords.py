"""Program keywords for the programs added in issue 14 (KPJ, pangan murah, KPARJ), next to their look-alikes."""

from __future__ import annotations

import pytest

from nlu_components.program_names import load_keywords, programs_named_in, resolve_program

KNOWN = frozenset(key for key, _ in load_keywords())


@pytest.mark.parametrize(
    ("span", "key"),
    [
        ("kartu pekerja dki", "kpj"),
        ("KPJ", "kpj"),
        ("kpjd", "kpdj"),  # the common KPDJ typo still starts with "kpj"
        ("sembako murah", "pangan_murah"),
        ("sembako", "bpnt"),
        ("bantuan pangan non tunai", "bpnt"),
        ("pangan bersubsidi dki", "pangan_murah"),
        ("kartu peduli anak dan remaja jakarta", "kparj"),
        ("kartu anak jakarta", "kaj"),
    ],
)
def test_new_program_spans_resolve_to_their_key(span: str, key: str) -> None:
    assert resolve_program(span, KNOWN) == key


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("harga daging murah pemprov sekilo berapa", {"pangan_murah"}),
        ("cara daftar kartu pekerja gimana", {"kpj"}),
        ("kparj masih ada ga", {"kparj"}),
        # A worker or an orphan described in a story names no program by itself.
        ("suami saya buruh harian, ada bantuan apa", set()),
        ("keponakan saya yatim, ikut saya", set()),
    ],
)
def test_new_program_names_found_anywhere_in_a_message(text: str, named: set[str]) -> None:
    assert set(programs_named_in(text)) == named
