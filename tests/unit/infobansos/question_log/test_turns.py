from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from infobansos.jakarta_time import JAKARTA
from infobansos.question_log.turns import (
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    Outcome,
    TurnLog,
    day_stats,
    record_feedback,
    upsert_turn,
)
from infobansos.storage.engine import session_factory


def _turn(database_url: str, turn_id: str) -> TurnLog:
    with session_factory(database_url)() as session:
        return session.scalars(select(TurnLog).where(TurnLog.turn_id == turn_id)).one()


def test_bot_and_action_halves_land_in_one_row_whichever_comes_first(database_url: str) -> None:
    factory = session_factory(database_url)
    nlu = {"intent": "tanya_syarat", "confidence": 0.9, "answer_id": "klj_syarat", "program": "klj"}
    bot = {"text": "syarat klj apa", "outcome": Outcome.ANSWERED, "latency_ms": 80, "chat_type": "private"}
    for turn_id, first, second in (("a1", nlu, bot), ("b2", bot, nlu)):
        with factory.begin() as session:
            upsert_turn(session, turn_id, "u_me", **first)
        with factory.begin() as session:
            upsert_turn(session, turn_id, "u_me", **second)
        row = _turn(database_url, turn_id)
        assert (row.intent, row.answer_id, row.text, row.latency_ms) == (
            "tanya_syarat",
            "klj_syarat",
            "syarat klj apa",
            80,
        )
    with factory() as session:
        assert len(session.scalars(select(TurnLog)).all()) == 2


def test_feedback_lands_only_on_the_residents_own_turn(database_url: str) -> None:
    factory = session_factory(database_url)
    with factory.begin() as session:
        upsert_turn(session, "t1", "u_me", intent="tanya_syarat")
    with factory.begin() as session:
        assert not record_feedback(session, "t1", "u_someone_else", FEEDBACK_DOWN)
        assert not record_feedback(session, "no-such-turn", "u_me", FEEDBACK_DOWN)
        assert record_feedback(session, "t1", "u_me", FEEDBACK_UP)
    assert _turn(database_url, "t1").feedback == FEEDBACK_UP


def test_day_stats_count_the_jakarta_day_only(database_url: str) -> None:
    factory = session_factory(database_url)
    day = dt.date(2026, 11, 28)
    midnight_wib = dt.datetime(2026, 11, 28, tzinfo=JAKARTA)
    rows = [
        # 23.30 WIB the evening before: yesterday, although it is the 27th 16.30 UTC either way
        ("y", midnight_wib - dt.timedelta(minutes=30), {}),
        ("a", midnight_wib + dt.timedelta(minutes=1), {"is_fallback": True}),
        ("b", midnight_wib + dt.timedelta(hours=8), {"is_out_of_scope": True, "feedback": FEEDBACK_DOWN}),
        ("c", midnight_wib + dt.timedelta(hours=9), {"feedback": FEEDBACK_UP}),
        ("d", midnight_wib + dt.timedelta(hours=10), {"outcome": Outcome.BUSY}),
        ("z", midnight_wib + dt.timedelta(days=1), {}),  # tomorrow
    ]
    with factory.begin() as session:
        for turn_id, at, fields in rows:
            session.add(TurnLog(turn_id=turn_id, sender="u_x", created_at=at.astimezone(dt.UTC), **fields))
    with factory() as session:
        stats = day_stats(session, day)
    assert (stats.questions, stats.fallbacks, stats.out_of_scope, stats.busy) == (4, 1, 1, 1)
    assert (stats.thumbs_up, stats.thumbs_down) == (1, 1)
    assert stats.fallback_rate == 0.25
