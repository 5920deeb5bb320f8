from __future__ import annotations

from bot.rasa_client import BotReply, ReplyButton
from bot.rendering import CALLBACK_DATA_MAX_BYTES, ButtonPayloads, merge_replies, render_reply


def test_text_is_escaped_for_html_so_telegram_never_rejects_it() -> None:
    message = render_reply(BotReply("Usia <6 tahun & 60+ tahun, pakai <b>?"), ButtonPayloads())
    assert message.text == "Usia &lt;6 tahun &amp; 60+ tahun, pakai &lt;b&gt;?"
    assert message.reply_markup is None


def test_buttons_become_one_inline_button_per_row() -> None:
    reply = BotReply("Pilih:", (ReplyButton("Syarat KLJ", "/tanya_syarat"), ReplyButton("DTSEN", "/tanya_dtks")))
    markup = render_reply(reply, ButtonPayloads()).reply_markup
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [["Syarat KLJ"], ["DTSEN"]]
    assert markup.inline_keyboard[0][0].callback_data == "/tanya_syarat"


def test_long_payload_travels_as_a_short_key_and_comes_back_whole() -> None:
    payloads = ButtonPayloads()
    long_payload = '/tanya_syarat{"program": "kartu penyandang disabilitas jakarta", "lagi": "panjang sekali"}'
    data = payloads.callback_data(long_payload)
    assert len(data.encode()) <= CALLBACK_DATA_MAX_BYTES
    assert payloads.payload(data) == long_payload


def test_forgotten_long_payload_is_reported_as_expired() -> None:
    assert ButtonPayloads().payload("#0123456789abcdef0123") is None


def test_paragraphs_rasa_split_apart_are_one_message_again() -> None:
    parts = [BotReply("DTKS adalah …"), BotReply("Sejak 2025 …"), BotReply("Pilih:", (ReplyButton("A", "/a"),))]
    assert merge_replies(parts) == [BotReply("DTKS adalah …\n\nSejak 2025 …\n\nPilih:", (ReplyButton("A", "/a"),))]


def test_text_after_buttons_starts_a_new_message() -> None:
    parts = [BotReply("Menu", (ReplyButton("A", "/a"),)), BotReply("Lagi")]
    assert merge_replies(parts) == parts
