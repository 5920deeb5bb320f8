from __future__ import annotations

from sqlalchemy import select

from bot.question_log import RatedTurn, log_turn, new_turn_id, save_feedback
from infobansos.db import session_factory
from infobansos.turn_log import FEEDBACK_DOWN, Outcome, TurnLog, upsert_turn

NIK = "3175091234560012"


def test_the_log_keeps_placeholders_never_the_numbers_or_address(database_url: str) -> None:
    turn_id = new_turn_id()
    text = f"nik {NIK} wa 081234567890 email ani@mail.com kok belum cair"
    log_turn(database_url, turn_id, "u_me", chat_type="private", text=text, outcome=Outcome.ANSWERED, latency_ms=95)
    with session_factory(database_url)() as session:
        row = session.scalars(select(TurnLog)).one()
    assert row.text == "nik [NIK] wa [TELEPON] email [EMAIL] kok belum cair"
    assert (row.sender, row.outcome, row.latency_ms) == ("u_me", Outcome.ANSWERED, 95)


def test_feedback_returns_what_the_bot_needs_to_suggest_other_topics(database_url: str) -> None:
    ranking = [{"intent": "tanya_syarat", "confidence": 0.6}, {"intent": "tanya_besaran", "confidence": 0.3}]
    with session_factory(database_url).begin() as session:
        upsert_turn(session, "t1", "u_me", intent="tanya_syarat", program="klj", ranking=ranking)
    assert save_feedback(database_url, "t1", "u_me", FEEDBACK_DOWN) == RatedTurn(
        "tanya_syarat", "klj", ("tanya_syarat", "tanya_besaran")
    )
    assert save_feedback(database_url, "t1", "u_other", FEEDBACK_DOWN) is None


def test_a_broken_database_costs_the_log_not_the_conversation() -> None:
    url = "sqlite:////proc/no-such-dir/db.sqlite3"
    log_turn(url, "t1", "u_me", chat_type="private", text="halo", outcome=Outcome.ANSWERED, latency_ms=1)
    assert save_feedback(url, "t1", "u_me", FEEDBACK_DOWN) is None
