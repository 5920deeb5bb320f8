from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.question_log import RatedTurn, log_turn, new_turn_id, save_feedback
from infobansos.content.store import load_content
from infobansos.question_log.signals import ConfusionSignal, Reason
from infobansos.question_log.turns import FEEDBACK_DOWN, FEEDBACK_UP, Outcome, TurnLog, upsert_turn
from infobansos.settings import PROJECT_ROOT
from infobansos.storage.engine import session_factory, utcnow

NIK = "3175091234560012"
WORDS = load_content(PROJECT_ROOT / "content").corrections


def _log(database_url: str, text: str, sender: str = "u_me") -> str:
    turn_id = new_turn_id()
    log_turn(
        database_url,
        turn_id,
        sender,
        chat_type="private",
        text=text,
        outcome=Outcome.ANSWERED,
        latency_ms=95,
        corrections=WORDS,
    )
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
    with session_factory(database_url).begin() as session:
        earlier = utcnow() - dt.timedelta(minutes=5)
        session.add(TurnLog(turn_id="old", sender="u_me", text="kjp plus kok belum cair", created_at=earlier))
    _log(database_url, "kjp plus kok belum cair")
    assert _signals(database_url) == []


def test_saying_the_answer_missed_is_a_correction(database_url: str) -> None:
    first = _log(database_url, "bukan itu maksud saya, saya tanya kjmu")
    second = _log(database_url, "salah")
    _log(database_url, "salah satu syaratnya apa")  # not a correction
    assert _signals(database_url) == [(first, Reason.CORRECTION.value), (second, Reason.CORRECTION.value)]


def test_feedback_returns_what_the_bot_needs_to_suggest_other_topics(database_url: str) -> None:
    ranking = [{"intent": "tanya_syarat", "confidence": 0.6}, {"intent": "tanya_besaran", "confidence": 0.3}]
    with session_factory(database_url).begin() as session:
        upsert_turn(session, "t1", "u_me", intent="tanya_syarat", program="klj", ranking=ranking)
        upsert_turn(session, "t2", "u_me", intent="tanya_dtks")
    assert save_feedback(database_url, "t1", "u_me", FEEDBACK_DOWN) == RatedTurn(
        "tanya_syarat", "klj", ("tanya_syarat", "tanya_besaran")
    )
    assert save_feedback(database_url, "t1", "u_other", FEEDBACK_DOWN) is None
    assert save_feedback(database_url, "t2", "u_me", FEEDBACK_UP) is not None
    assert _signals(database_url) == [("t1", Reason.THUMBS_DOWN.value)], "only the 👎 is a confusion signal"


def test_a_broken_database_costs_the_log_not_the_conversation() -> None:
    url = "sqlite:////proc/no-such-dir/db.sqlite3"
    _log(url, "halo")
    assert save_feedback(url, "t1", "u_me", FEEDBACK_DOWN) is None


def test_a_kk_right_after_a_nik_is_no_rephrase(database_url: str) -> None:
    with session_factory(database_url).begin() as session:
        upsert_turn(session, "nik", "u_me", intent="kirim_nomor")
        upsert_turn(session, "kk", "u_me", intent="kirim_nomor")
    for turn_id in ("nik", "kk"):  # the action wrote its half first, as in a real turn
        log_turn(
            database_url,
            turn_id,
            "u_me",
            chat_type="private",
            text=NIK,
            outcome=Outcome.ANSWERED,
            latency_ms=9,
            corrections=WORDS,
        )
    assert _signals(database_url) == []


def test_turn_ids_never_contain_digits() -> None:
    assert all(not any(c.isdigit() for c in new_turn_id()) for _ in range(2000))
