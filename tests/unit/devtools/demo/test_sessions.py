"""Demo visits by theme: each theme's visit is labelled with it, and the same seed gives the same visit."""

from __future__ import annotations

import random

import pytest

from devtools.demo import themes as th
from devtools.demo.nlu import load_catalogue
from devtools.demo.sessions import visit_steps
from infobansos.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "content")
# Steps any visit may add around its theme: small talk, a status check, asking for a person.
AROUND = {th.SMALL_TALK, th.STATUS, th.HUMAN}


def steps(theme: str, seed: int, in_group: bool = False) -> list:
    return list(visit_steps(random.Random(seed), CATALOGUE, th.PERSONAS[0], theme, 11, in_group))


@pytest.mark.parametrize("theme", th.THEMES)
def test_a_visit_is_about_its_theme(theme: str) -> None:
    for seed in range(40):
        visit = steps(theme, seed)
        assert visit, "every visit has a message"
        assert visit[0].gap_seconds == 0.0
        assert theme in {s.theme for s in visit}
        assert {s.theme for s in visit} <= {theme} | AROUND


def test_the_same_seed_gives_the_same_visit() -> None:
    for theme in th.THEMES:
        assert steps(theme, 5) == steps(theme, 5)


def test_confusions_are_mostly_not_understood() -> None:
    visits = [steps(th.KJP_NOT_ARRIVED, seed) for seed in range(100)]
    first = [visit[0] for visit in visits if visit[0].theme == th.KJP_NOT_ARRIVED]
    unsure = [s for s in first if s.nlu.is_fallback or s.nlu.confidence < 0.8]
    assert len(unsure) > len(first) / 2
