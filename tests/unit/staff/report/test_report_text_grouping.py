"""Grouping texts by how alike they are written: typos together, other questions apart, every text labelled."""

from __future__ import annotations

import pytest

from staff.report import text_grouping
from staff.report.text_grouping import group_texts

RICE = ["bansos beras kapan dibagi", "bansos beras kpn dibagi", "bansos beras kapan dibagikan", "bansos berass kapan"]
LOST_CARD = ["kartu kjp hilang gimana", "kartu kjp saya hilang gmn", "kartu kjp ilang gimana ya", "kartu kjp hilang"]


def test_typos_share_a_group_and_other_questions_do_not() -> None:
    labels = list(group_texts(RICE + LOST_CARD))
    rice, lost_card = set(labels[: len(RICE)]), set(labels[len(RICE) :])
    assert len(rice) == 1 and len(lost_card) == 1
    assert rice != lost_card


def test_no_texts_and_one_text() -> None:
    assert group_texts([]).size == 0
    assert list(group_texts(["kapan cair"])) == [0]


def test_the_same_texts_give_the_same_labels() -> None:
    texts = RICE + LOST_CARD + ["uang lansia telat cair", "nomor pengaduan dinsos"]
    assert list(group_texts(texts)) == list(group_texts(texts))


def test_beyond_the_sample_a_text_joins_its_group_or_waits_for_the_next_round(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(text_grouping, "SAMPLE_SIZE", 2)
    # Round 1 groups the first two texts; the other rice and card questions join their groups, and
    # the unrelated text, close to neither, is grouped in round 2 under a new label.
    texts = [RICE[0], LOST_CARD[0], RICE[1], "zzz qqq xxx", LOST_CARD[1]]
    labels = list(group_texts(texts))
    assert labels[2] == labels[0] != labels[1] == labels[4]
    assert labels[3] == 2


def test_texts_left_after_the_last_round_each_get_a_label_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_grouping, "SAMPLE_SIZE", 1)
    monkeypatch.setattr(text_grouping, "MAX_ROUNDS", 1)
    labels = list(group_texts(["aaa bbb", "ccc ddd", "eee fff"]))
    assert labels[0] == 0
    assert sorted(labels) == [0, 1, 2]
