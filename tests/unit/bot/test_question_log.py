from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.question_log import log_turn, new_turn_id, save_feedback
from bot.turn_memory import LastTurns
from infobansos.content.store import load_content
from infobansos.question_log.rules import EarlierTurn
from infobansos.question_log.signals import ConfusionSignal, Reason
from infobansos.question_log.turns import FEEDBACK_DOWN, FEEDBACK_UP, Outcome, TurnLog
from infobansos.settings import PROJECT_ROOT
from infobansos.storage.engine import session_factory, utcnow

NIK = "3175091234560012"
WORDS = load_content(PROJECT_ROOT / "content").corrections
MEMORY = LastTurns()  # the bot's memory of each resident's last message, new for every test


@pytest.fixture(autouse=True)
def _fresh_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(globals(), "MEMORY", LastTurns())


def _log(database_url: str, text: str, sender: str = "u_me", intent: str | None = None, private: bool = False) -> str:
    """The bot's half of a turn; `intent` is what the action server's note in the reply said."""
    turn_id = new_turn_id()
    logged = log_turn(
        database_url,
        turn_id,
        sender,
        chat_type="private",
        text=text,
        outcome=Outcome.ANSWERED,
        latency_ms=95,
        corrections=WORDS,
        intent=intent,
        previous=MEMORY.previous(sender),
        private=private,
    )
    MEMORY.remember(sender, logged)
    return turn_id


def _signals(database_url: str) -> list[tuple[str, str]]:
    with session_factory(database_url)() as session:
        rows = session.execute(select(ConfusionSignal.turn_id, ConfusionSignal.reason).order_by(ConfusionSignal.id))
        return [tuple(row) for row in rows]


def test_the_log_keeps_placeholders_never_the_numbers_or_address(database_url: str) -> None:
    _log(database_url, f"nik {NIK} wa 081234567890 email ani@mail.com kok belum cair")
    with session_factory(database_url)() as session:
        row = session.scalars(select(TurnLog)).one()
    assert row.text == "nik [NIK] wa [TELEPON] email [EMAIL] kok belum cair"
    assert (row.sender, row.outcome, row.latency_ms) == ("u_me", Outcome.ANSWERED, 95)


def test_asking_much_the_same_again_soon_is_a_rephrase(database_url: str) -> None:
    _log(database_url, "kjp plus bulan ini kok belum cair")
    second = _log(database_url, "kjp plus kok belom cair bulan ini ya")
    _log(database_url, "syarat klj apa saja")  # a different question
    _log(database_url, "kjp plus bulan ini kok belum cair", sender="u_other")  # someone else
    assert _signals(database_url) == [(second, Reason.REPHRASE.value)]


def test_a_rephrase_counts_only_within_three_minutes(database_url: str) -> None:
    earlier = utcnow() - dt.timedelta(minutes=5)
    MEMORY.remember("u_me", EarlierTurn("old", "kjp plus kok belum cair", "tanya_jadwal_cair", earlier))
    _log(database_url, "kjp plus kok belum cair")
    assert _signals(database_url) == []


def test_saying_the_answer_missed_is_a_correction(database_url: str) -> None:
    first = _log(database_url, "bukan itu maksud saya, saya tanya kjmu")
    second = _log(database_url, "salah")
    _log(database_url, "salah satu syaratnya apa")  # not a correction
    assert _signals(database_url) == [(first, Reason.CORRECTION.value), (second, Reason.CORRECTION.value)]


def test_feedback_is_stored_on_the_residents_own_turn_only(database_url: str) -> None:
    first, second = _log(database_url, "syarat klj apa"), _log(database_url, "apa itu dtks")
    assert save_feedback(database_url, first, "u_me", FEEDBACK_DOWN)
    assert not save_feedback(database_url, first, "u_other", FEEDBACK_DOWN)
    assert save_feedback(database_url, second, "u_me", FEEDBACK_UP)
    with session_factory(database_url)() as session:
        assert list(session.scalars(select(TurnLog.feedback).order_by(TurnLog.id))) == [FEEDBACK_DOWN, FEEDBACK_UP]
    assert _signals(database_url) == [(first, Reason.THUMBS_DOWN.value)], "only the 👎 is a confusion signal"


def test_a_broken_database_costs_the_log_not_the_conversation() -> None:
    url = "sqlite:////proc/no-such-dir/db.sqlite3"
    _log(url, "halo")
    assert not save_feedback(url, "t1", "u_me", FEEDBACK_DOWN)


def test_a_kk_right_after_a_nik_is_no_rephrase(database_url: str) -> None:
    """The action server's rows are missing on purpose: what NLU made of the KK comes from the
    note in Rasa's reply, so the bot must not need (or read) the action server's half."""
    for _ in ("nik", "kk"):
        _log(database_url, NIK, intent="kirim_nomor")
    assert _signals(database_url) == []


def test_the_same_text_again_outside_the_status_check_is_a_rephrase(database_url: str) -> None:
    _log(database_url, "kjp plus kok belum cair", intent="tanya_jadwal_cair")
    second = _log(database_url, "kjp plus kok belum cair", intent="tanya_jadwal_cair")
    assert _signals(database_url) == [(second, Reason.REPHRASE.value)]


def test_the_previous_message_comes_from_memory_not_the_database(database_url: str) -> None:
    """A row another process wrote for this resident is not the bot's previous message: the bot
    compares with what it remembers, so the question log stays write-only for it."""
    with session_factory(database_url).begin() as session:
        session.add(TurnLog(turn_id="elsewhere", sender="u_me", text="kjp plus kok belum cair", created_at=utcnow()))
    _log(database_url, "kjp plus kok belum cair")
    assert _signals(database_url) == []


def test_remembered_turns_are_bounded_and_per_resident() -> None:
    memory = LastTurns(size=2)
    for sender in ("u_a", "u_b", "u_c"):
        memory.remember(sender, EarlierTurn(f"t_{sender}", "halo", "greet", utcnow()))
    assert len(memory) == 2 and memory.previous("u_a") is None
    assert memory.previous("u_c").turn_id == "t_u_c"


def test_turn_ids_never_contain_digits() -> None:
    assert all(not any(c.isdigit() for c in new_turn_id()) for _ in range(2000))


def test_answers_inside_the_eligibility_check_are_kept_as_a_placeholder_without_signals(database_url: str) -> None:
    """/privasi promises the check's answers stay in the conversation; only that a turn happened is logged."""
    _log(database_url, "apakah ibu saya berhak dapat bansos?", intent="cek_kelayakan")
    _log(database_url, "ibu saya 72 tahun, belum masuk DTSEN", private=True)
    _log(database_url, "eh salah, sudah masuk DTSEN", private=True)  # corrects her own answer, not the bot
    with session_factory(database_url)() as session:
        texts = session.scalars(select(TurnLog.text).order_by(TurnLog.id)).all()
    assert texts == ["apakah ibu saya berhak dapat bansos?", "[jawaban cek kelayakan]", "[jawaban cek kelayakan]"]
    assert _signals(database_url) == []
