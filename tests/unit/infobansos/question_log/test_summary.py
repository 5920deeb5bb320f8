"""The note the action server sends the bot with every answer: one shape, read leniently."""

from __future__ import annotations

import json

from infobansos import protocol
from infobansos.question_log.summary import RankedIntent, TurnSummary

SYARAT_KLJ = TurnSummary(
    intent="tanya_syarat",
    confidence=0.91,
    ranking=(RankedIntent("tanya_syarat", 0.91), RankedIntent("tanya_cara_daftar", 0.05)),
    program="klj",
    answer_id="klj_syarat",
)


def test_the_summary_survives_the_trip_through_rasa_as_json() -> None:
    note = json.loads(json.dumps(SYARAT_KLJ.to_json()))
    assert list(note) == [protocol.TURN_SUMMARY]
    assert TurnSummary.from_json(note) == SYARAT_KLJ
    assert SYARAT_KLJ.ranked_intents == ("tanya_syarat", "tanya_cara_daftar")


def test_a_note_without_a_summary_or_with_a_malformed_one_gives_what_it_can() -> None:
    """A note from an older or newer action server must never break the bot's reply."""
    assert TurnSummary.from_json({protocol.ASK_FEEDBACK: True}) is None
    assert TurnSummary.from_json({protocol.TURN_SUMMARY: "tanya_syarat"}) is None
    odd = {"intent": 3, "confidence": "high", "ranking": [{"intent": None}, 7, {"intent": "greet"}], "extra": 1}
    assert TurnSummary.from_json({protocol.TURN_SUMMARY: odd}) == TurnSummary(
        None, None, (RankedIntent("greet", 0.0),), None, None
    )


def test_a_check_answer_stays_private_through_the_trip_and_only_a_true_flag_counts() -> None:
    """The bot stores a placeholder for a private turn: anything but JSON `true` must not hide a question."""
    private = TurnSummary("cek_kelayakan", 0.8, (), None, None, private=True)
    assert TurnSummary.from_json(json.loads(json.dumps(private.to_json()))) == private
    for odd in ("true", 1, None):
        note = {protocol.TURN_SUMMARY: {**private.to_json()[protocol.TURN_SUMMARY], "private": odd}}
        assert TurnSummary.from_json(note).private is False
