"""Telegram's text rules in the stand-in (standin/text.py): length, trimming, HTML and MarkdownV2, seen through PTB."""

from __future__ import annotations

import html

import pytest
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.helpers import escape_markdown

from standin.server import TelegramStandIn
from tests.unit.standin.ptb_client import CHAT


@pytest.mark.asyncio
async def test_length_is_counted_in_utf16_units(bot: Bot, standin: TelegramStandIn) -> None:
    await bot.send_message(CHAT, "a" * 4096)
    await bot.send_message(CHAT, "😀" * 2048)
    for too_long in ("a" * 4097, "😀" * 2049):
        with pytest.raises(BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(CHAT, too_long)
    assert len(standin.messages(CHAT)) == 2
    assert standin.errors[-1]["description"] == "Bad Request: message is too long"


@pytest.mark.asyncio
async def test_text_is_trimmed_and_entities_shifted_like_telegram(bot: Bot, standin: TelegramStandIn) -> None:
    sent = await bot.send_message(CHAT, " \n  <b>Halo</b> warga \n", parse_mode=ParseMode.HTML)
    assert sent.text == "Halo warga"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 4)]
    assert standin.messages(CHAT)[0].raw_text == " \n  <b>Halo</b> warga \n"


@pytest.mark.asyncio
@pytest.mark.parametrize(("text", "parse_mode"), [("", None), ("  \n ", None), ("<b> </b>", ParseMode.HTML)])
async def test_empty_text_is_rejected(bot: Bot, text: str, parse_mode: str | None) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(CHAT, text, parse_mode=parse_mode)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "raw",
    ["<foo>x</foo>", "1 < 2", "Tom & Jerry", "<b>tebal", "<b><i>x</b></i>", "<span>x</span>", "x</b>"],
)
async def test_bad_html_is_rejected(bot: Bot, raw: str) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(CHAT, raw, parse_mode=ParseMode.HTML)


@pytest.mark.asyncio
async def test_escaped_html_is_recorded_as_the_resident_sees_it(bot: Bot, standin: TelegramStandIn) -> None:
    raw = f'<b>{html.escape("Tom & Jerry")}</b> {html.escape("<3")} <a href="https://jakarta.go.id">situs</a>'
    sent = await bot.send_message(CHAT, raw, parse_mode=ParseMode.HTML)
    assert sent.text == "Tom & Jerry <3 situs"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 11), ("text_link", 15, 5)]
    [recorded] = standin.messages(CHAT)
    assert (recorded.text, recorded.raw_text, recorded.parse_mode) == ("Tom & Jerry <3 situs", raw, "HTML")


@pytest.mark.asyncio
async def test_markdown_v2_requires_escaping(bot: Bot) -> None:
    for raw in ("Halo.", "1+1=2", "*tebal"):
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(CHAT, raw, parse_mode=ParseMode.MARKDOWN_V2)
    escaped = await bot.send_message(CHAT, escape_markdown("Halo. (1+1=2)!", version=2), parse_mode="MarkdownV2")
    assert escaped.text == "Halo. (1+1=2)!"
    styled = await bot.send_message(CHAT, "*tebal* _miring_ `kode.`", parse_mode=ParseMode.MARKDOWN_V2)
    assert styled.text == "tebal miring kode."
    assert [e.type for e in styled.entities] == ["bold", "italic", "code"]
