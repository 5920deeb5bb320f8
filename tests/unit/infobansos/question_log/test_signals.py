from __future__ import annotations

import pytest

from infobansos.content.store import load_content
from infobansos.question_log.signals import is_correction, similar
from infobansos.settings import PROJECT_ROOT

WORDS = load_content(PROJECT_ROOT / "content").corrections


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bukan itu min", True),
        ("Jawabannya SALAH, saya nanya KLJ", True),
        ("ga nyambung", True),
        ("salah", True),
        ("Salah min!", True),
        ("salah satu syarat kjp apa", False),
        ("bukan warga jakarta boleh daftar?", False),
        ("syarat klj", False),
    ],
)
def test_corrections_are_recognised_without_catching_ordinary_questions(text: str, expected: bool) -> None:
    assert is_correction(text, WORDS) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("kjp plus kok belum cair", "kjp plus kok belom cair ya", True),
        ("syarat klj apa", "syarat klj apa aja sih", True),
        ("syarat klj apa", "jadwal cair kjp kapan", False),
        ("halo", "", False),
    ],
)
def test_similar_questions(a: str, b: str, expected: bool) -> None:
    assert similar(a, b) is expected
