"""`actions/question_log.py` through `action_answer`: every answer is recorded, and told to the bot."""

from __future__ import annotations

import pytest
from answer_tracker import run, tracker_for
from sqlalchemy import select

from actions.question_log import sent_during_check, summary_of, understanding
from infobansos import protocol
from infobansos.question_log.signals import ConfusionSignal
from infobansos.question_log.turns import TurnLog
from infobansos.settings import get_settings
from infobansos.storage.engine import session_factory


async def test_each_answer_is_recorded_under_the_bots_turn_id_with_the_pseudonymous_sender_only() -> None:
    ranking = [
        {"name": "tanya_dtks", "confidence": 0.97},
        {"name": "tanya_cara_daftar", "confidence": 0.02},
        {"name": "greet", "confidence": 0.005},
        {"name": "pamit", "confidence": 0.005},
    ]
    await run("tanya_dtks", ranking=ranking, slots={"program": "klj"})
    with session_factory(get_settings().database_url)() as session:
        rows = session.scalars(select(TurnLog)).all()
    assert [(r.turn_id, r.sender, r.intent, r.answer_id) for r in rows] == [
        ("turn0001", "u_test", "tanya_dtks", "dtks_apa_itu")
    ]
    assert rows[0].confidence == pytest.approx(0.97)
    assert [r["intent"] for r in rows[0].ranking] == ["tanya_dtks", "tanya_cara_daftar", "greet"]
    assert rows[0].program == "klj"
    assert not rows[0].is_fallback and not rows[0].is_out_of_scope


async def test_each_answer_tells_the_bot_what_was_understood_in_one_note_after_the_text() -> None:
    """The bot takes intent, ranking and program from this note, never from the database."""
    ranking = [
        {"name": "tanya_syarat", "confidence": 0.91},
        {"name": "tanya_cara_daftar", "confidence": 0.05},
        {"name": "tanya_besaran", "confidence": 0.02},
        {"name": "pamit", "confidence": 0.01},
    ]
    dispatcher = await run("tanya_syarat", confidence=0.91, ranking=ranking, slots={"program": "klj"})
    message, note = dispatcher.messages
    assert message["custom"] == {}, "what the resident reads carries nothing for the bot"
    assert note["text"] is None and note["custom"] == {
        protocol.TURN_SUMMARY: {
            "intent": "tanya_syarat",
            "confidence": 0.91,
            "ranking": [
                {"intent": "tanya_syarat", "confidence": 0.91},
                {"intent": "tanya_cara_daftar", "confidence": 0.05},
                {"intent": "tanya_besaran", "confidence": 0.02},
            ],
            "program": "klj",
            "answer_id": "klj_syarat",
            "private": False,
        },
        protocol.ASK_FEEDBACK: True,
    }


async def test_the_note_goes_to_the_bot_even_when_the_database_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:////proc/no-such-dir/db.sqlite3")
    get_settings.cache_clear()
    dispatcher = await run("greet")
    assert dispatcher.messages[-1]["custom"][protocol.TURN_SUMMARY]["intent"] == "greet"


@pytest.mark.parametrize(
    ("intent", "fallback", "out_of_scope"), [("nlu_fallback", True, False), ("out_of_scope", False, True)]
)
async def test_fallback_and_out_of_scope_turns_are_flagged(intent: str, fallback: bool, out_of_scope: bool) -> None:
    await run(intent)
    with session_factory(get_settings().database_url)() as session:
        row = session.scalars(select(TurnLog)).one()
    assert (row.is_fallback, row.is_out_of_scope) == (fallback, out_of_scope)


async def test_a_broken_database_does_not_cost_the_resident_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:////proc/no-such-dir/db.sqlite3")
    get_settings.cache_clear()
    dispatcher = await run("tanya_dtks")
    assert "DTSEN" in dispatcher.messages[0]["text"]


def signal_reasons() -> list[str]:
    with session_factory(get_settings().database_url)() as session:
        return sorted(session.scalars(select(ConfusionSignal.reason)))


@pytest.mark.parametrize(
    ("intent", "confidence", "reasons"),
    [
        ("tanya_syarat", 0.95, []),
        ("tanya_syarat", 0.42, ["kurang_yakin"]),
        ("nlu_fallback", 0.3, ["kurang_yakin"]),
        ("out_of_scope", 0.9, ["di_luar_topik"]),
        ("tanya_kontak", 0.9, ["minta_petugas"]),
    ],
)
async def test_unsure_off_topic_and_human_requests_are_confusion_signals(
    intent: str, confidence: float, reasons: list[str]
) -> None:
    await run(intent, confidence=confidence)
    await run(intent, confidence=confidence)  # the same turn again: no duplicate signals
    assert signal_reasons() == reasons


def _events_of_a_check(*names: str | None) -> list[dict]:
    """A conversation: a question, the check started (or not), then the resident's latest message."""
    events: list[dict] = [{"event": "user", "text": "apakah saya berhak?"}]
    events += [{"event": "active_loop", "name": name} for name in names]
    return [*events, {"event": "user", "text": "nenek saya 70 tahun"}]


@pytest.mark.parametrize(
    ("loops", "private"),
    [
        ((protocol.ELIGIBILITY_FORM,), True),  # an answer inside the self-check
        ((protocol.ELIGIBILITY_FORM, None), False),  # the check had ended before this message
        ((protocol.STATUS_FORM,), False),  # the status check keeps its own rules (numbers redacted)
        ((), False),  # an ordinary question
    ],
)
def test_only_messages_sent_inside_the_eligibility_check_are_marked_private(
    loops: tuple[str | None, ...], private: bool
) -> None:
    tracker = tracker_for("tanya_syarat")
    tracker.events = _events_of_a_check(*loops)
    assert sent_during_check(tracker) is private
    assert summary_of(understanding(tracker, None), private=sent_during_check(tracker)).private is private
