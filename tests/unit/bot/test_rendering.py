from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.rasa_client import BotReply, ReplyButton
from bot.rendering import (
    CALLBACK_DATA_MAX_BYTES,
    TELEGRAM_MAX_CHARS,
    ButtonPayloads,
    merge_replies,
    render_reply,
    split_text,
)


def test_text_is_escaped_for_html_so_telegram_never_rejects_it() -> None:
    [message] = render_reply(BotReply("Usia <6 tahun & 60+ tahun, pakai <b>?"), ButtonPayloads(b"k" * 32))
    assert message.text == "Usia &lt;6 tahun &amp; 60+ tahun, pakai &lt;b&gt;?"
    assert message.reply_markup is None


def test_buttons_become_one_inline_button_per_row() -> None:
    reply = BotReply("Pilih:", (ReplyButton("Syarat KLJ", "/tanya_syarat"), ReplyButton("DTSEN", "/tanya_dtks")))
    [message] = render_reply(reply, ButtonPayloads(b"k" * 32))
    markup = message.reply_markup
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [["Syarat KLJ"], ["DTSEN"]]
    assert ButtonPayloads(b"k" * 32).payload(markup.inline_keyboard[0][0].callback_data) == "/tanya_syarat"


def test_long_payload_travels_as_a_short_key_and_comes_back_whole() -> None:
    payloads = ButtonPayloads(b"k" * 32)
    long_payload = '/tanya_syarat{"program": "kartu penyandang disabilitas jakarta", "lagi": "panjang sekali"}'
    data = payloads.callback_data(long_payload)
    assert len(data.encode()) <= CALLBACK_DATA_MAX_BYTES
    assert payloads.payload(data) == long_payload


def test_forgotten_long_payload_is_reported_as_expired() -> None:
    assert ButtonPayloads(b"k" * 32).payload("#0123456789abcdef0123") is None


def test_paragraphs_rasa_split_apart_are_one_message_again() -> None:
    parts = [BotReply("DTKS adalah …"), BotReply("Sejak 2025 …"), BotReply("Pilih:", (ReplyButton("A", "/a"),))]
    assert merge_replies(parts) == [BotReply("DTKS adalah …\n\nSejak 2025 …\n\nPilih:", (ReplyButton("A", "/a"),))]


def test_text_after_buttons_starts_a_new_message() -> None:
    parts = [BotReply("Menu", (ReplyButton("A", "/a"),)), BotReply("Lagi")]
    assert merge_replies(parts) == parts


def test_a_long_answer_is_split_between_paragraphs_with_buttons_under_the_last_part() -> None:
    paragraphs = [f"{i}. " + "Syarat & ketentuan <penting>. " * 40 for i in range(8)]
    reply = BotReply("\n\n".join(paragraphs), (ReplyButton("A", "/a"),))
    messages = render_reply(reply, ButtonPayloads(b"k" * 32))
    assert len(messages) > 1
    assert all(len(m.text) <= TELEGRAM_MAX_CHARS for m in messages), "escaped text still fits"
    assert [m.reply_markup is not None for m in messages] == [False] * (len(messages) - 1) + [True]
    assert all(m.text.split(". ", 1)[0].isdigit() for m in messages), "every part starts at a paragraph"
    rejoined = "\n\n".join(m.text for m in messages)
    assert rejoined.count("&lt;penting&gt;") == 8 * 40, "nothing lost"


def test_one_huge_paragraph_is_cut_at_lines_then_words() -> None:
    lines = "\n".join("baris " + "kata " * 50 for _ in range(40))
    pieces = split_text(lines, limit=1000)
    assert all(len(p) <= 1000 for p in pieces)
    assert "".join(pieces).replace("\n", "").replace(" ", "") == lines.replace("\n", "").replace(" ", "")
    word = "x" * 5000
    assert "".join(split_text(word, limit=1000)) == word


def test_footer_and_extra_row_go_under_the_last_part_of_a_long_answer() -> None:
    reply = BotReply("\n\n".join(["kalimat " * 60] * 12), (ReplyButton("Menu", "/greet"),))
    extra = (InlineKeyboardButton("👍", callback_data="fb:1:1"), InlineKeyboardButton("👎", callback_data="fb:1:-1"))
    messages = render_reply(reply, ButtonPayloads(b"k" * 32), footer="Apakah jawaban ini membantu?", extra_row=extra)
    assert len(messages) == 2
    assert messages[0].reply_markup is None
    assert messages[-1].text.endswith("Apakah jawaban ini membantu?")
    rows = [[b.text for b in row] for row in messages[-1].reply_markup.inline_keyboard]
    assert rows == [["Menu"], ["👍", "👎"]]
    assert all(len(m.text) <= TELEGRAM_MAX_CHARS for m in messages)
