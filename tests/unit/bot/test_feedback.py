from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.feedback import asks_for_feedback, feedback_row, parse_feedback, ways_forward, without_feedback_row
from bot.rasa_client import BotReply
from infobansos import protocol
from infobansos.content.store import load_content
from infobansos.question_log.summary import RankedIntent, TurnSummary
from infobansos.question_log.turns import FEEDBACK_DOWN, FEEDBACK_UP
from infobansos.settings import PROJECT_ROOT

CONTENT = load_content(PROJECT_ROOT / "content")


def test_only_answers_the_action_marked_are_rated() -> None:
    assert asks_for_feedback([BotReply("Syarat KLJ…"), BotReply("", custom={protocol.ASK_FEEDBACK: True})])
    assert not asks_for_feedback([BotReply("Halo!")])


def test_feedback_buttons_round_trip_within_telegrams_64_bytes() -> None:
    up, down = feedback_row(CONTENT, "0123456789abcdef")
    assert len(up.callback_data.encode()) <= 64 and len(down.callback_data.encode()) <= 64
    assert parse_feedback(up.callback_data) == ("0123456789abcdef", FEEDBACK_UP)
    assert parse_feedback(down.callback_data) == ("0123456789abcdef", FEEDBACK_DOWN)
    assert parse_feedback("fb:abc:maybe") is None
    assert parse_feedback("/tanya_syarat") is None


def test_thumbs_down_suggests_the_other_likely_topics_for_the_same_program_then_a_human() -> None:
    ranking = tuple(RankedIntent(intent, 0.3) for intent in ("tanya_syarat", "tanya_cara_daftar", "tanya_besaran"))
    turn = TurnSummary("tanya_syarat", 0.3, ranking, "klj", "klj_syarat")
    buttons = ways_forward(CONTENT, turn)
    payloads = [b.payload for b in buttons]
    assert payloads == [
        '/tanya_cara_daftar{"program": "klj"}',
        '/tanya_besaran{"program": "klj"}',
        '/tanya_jadwal_cair{"program": "klj"}',  # filled up from the common topics
        "/tanya_kontak",
    ]
    assert "/tanya_syarat" not in " ".join(payloads), "the answer that did not help is not offered again"


def test_pressing_removes_only_the_feedback_row() -> None:
    menu = [InlineKeyboardButton("Menu", callback_data="/greet")]
    markup = InlineKeyboardMarkup([menu, list(feedback_row(CONTENT, "t1"))])
    assert without_feedback_row(markup).inline_keyboard == (tuple(menu),)
    assert without_feedback_row(InlineKeyboardMarkup([list(feedback_row(CONTENT, "t1"))])) is None
