from __future__ import annotations

import datetime as dt

import pytest

from infobansos.content.store import load_content
from infobansos.question_log.rules import (
    EarlierTurn,
    Understanding,
    conversation_signals,
    is_correction,
    similar,
    status_signals,
    understanding_signals,
    within_rephrase_window,
)
from infobansos.question_log.signals import Reason
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


NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def earlier(text: str, intent: str | None = "tanya_syarat", seconds_ago: int = 60) -> EarlierTurn:
    return EarlierTurn("abcdefghijklmnop", text, intent, NOW - dt.timedelta(seconds=seconds_ago))


@pytest.mark.parametrize(
    ("understood", "expected"),
    [
        (Understanding("tanya_syarat", 0.93), []),
        (Understanding("tanya_syarat", 0.41), [(Reason.LOW_CONFIDENCE, "tanya_syarat 0.41")]),
        (Understanding("nlu_fallback", 0.5, is_fallback=True), [(Reason.LOW_CONFIDENCE, "nlu_fallback 0.50")]),
        (Understanding("out_of_scope", 0.9, is_out_of_scope=True), [(Reason.OUT_OF_SCOPE, None)]),
        (Understanding("tanya_kontak", 0.97), [(Reason.HUMAN_REQUEST, None)]),
    ],
)
def test_what_nlu_understood_raises(understood: Understanding, expected: list) -> None:
    assert understanding_signals(understood) == expected


def test_only_a_refused_or_failed_status_check_is_a_signal() -> None:
    assert status_signals(["ask_kk", "wrong_kk", "found", "no_number"]) == [
        (Reason.STATUS_FAILED, "wrong_kk"),
        (Reason.STATUS_FAILED, "no_number"),
    ]


def test_the_same_question_again_within_the_window_is_a_rephrase() -> None:
    previous = within_rephrase_window(earlier("kjp plus kok belum cair"), NOW)
    assert conversation_signals(previous, "kjp plus kok belom cair ya", "tanya_jadwal_cair", WORDS) == [
        (Reason.REPHRASE, "abcdefghijklmnop")
    ]


@pytest.mark.parametrize(
    ("previous", "text", "intent"),
    [
        (earlier("kjp plus kok belum cair", seconds_ago=240), "kjp plus kok belom cair ya", "tanya_jadwal_cair"),
        (earlier("halo", intent="greet"), "halo", "greet"),  # greeting twice
        (earlier("[NIK]", intent="kirim_nomor"), "[NIK]", "kirim_nomor"),  # the KK after the NIK
        (earlier("syarat klj apa"), "syarat klj apa", "kirim_nomor"),  # typed as the status check's answer
        (earlier('/tanya_syarat{"program": "klj"}'), "syarat klj", "tanya_syarat"),  # after a button
        (earlier("syarat klj apa"), '/tanya_syarat{"program": "klj"}', "tanya_syarat"),  # a button press
    ],
)
def test_what_is_no_rephrase(previous: EarlierTurn, text: str, intent: str) -> None:
    assert conversation_signals(within_rephrase_window(previous, NOW), text, intent, WORDS) == []


def test_a_correction_names_what_was_answered_before() -> None:
    previous = within_rephrase_window(earlier("syarat klj", intent="tanya_syarat"), NOW)
    assert conversation_signals(previous, "bukan itu min", None, WORDS) == [(Reason.CORRECTION, "tanya_syarat")]
    assert conversation_signals(None, "bukan itu min", None, WORDS) == [(Reason.CORRECTION, None)]
