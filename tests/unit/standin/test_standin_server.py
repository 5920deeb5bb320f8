"""The stand-in's HTTP server (standin/server.py): routes, envelopes, the token, a polling PTB Application."""

from __future__ import annotations

import json

import aiohttp
import pytest
from telegram import Bot, Update
from telegram.error import InvalidToken
from telegram.ext import CommandHandler, ContextTypes, MessageHandler
from telegram.ext import filters as flt

from standin.server import TelegramStandIn
from tests.unit.standin.ptb_client import CHAT, echo, polling_app


@pytest.mark.asyncio
async def test_polling_application_echoes_and_answers_commands(standin: TelegramStandIn) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"mulai {context.args}")

    handlers = (CommandHandler("start", start), MessageHandler(flt.TEXT & ~flt.COMMAND, echo))
    async with polling_app(standin, *handlers):
        update = standin.send_text(1001, "halo warga")
        [reply] = await standin.wait_for_bot_messages(1001, timeout=5)
        standin.send_command(1001, "/start kode123")
        [started] = await standin.wait_for_bot_messages(1001, timeout=5)
    assert (reply.text, reply.raw_text, reply.chat_id) == ("halo warga", "halo warga", 1001)
    assert reply.message_id > update["message"]["message_id"]
    assert started.text == "mulai ['kode123']"
    assert standin.pending_updates == 0, "PTB confirms processed updates on shutdown"
    assert standin.errors == []


@pytest.mark.asyncio
async def test_wrong_token_is_rejected(standin: TelegramStandIn) -> None:
    impostor = Bot("987654321:WRONG-token", base_url=standin.base_url)
    with pytest.raises(InvalidToken):
        await impostor.get_me()
    assert standin.errors[-1]["error_code"] == 401


@pytest.mark.asyncio
async def test_wire_format_over_raw_http(standin: TelegramStandIn) -> None:
    base = f"{standin.base_url}{standin.token}"
    markup = {"inline_keyboard": [[{"text": "Ya", "callback_data": "ya"}]]}
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/GETME") as response:  # method names are case-insensitive
            assert (response.status, (await response.json())["result"]["is_bot"]) == (200, True)
        async with http.post(
            f"{base}/sendMessage", json={"chat_id": CHAT, "text": "json", "reply_markup": markup}
        ) as r:
            assert (await r.json())["result"]["reply_markup"] == markup
        form = aiohttp.FormData({"chat_id": str(CHAT), "text": "multipart", "reply_markup": json.dumps(markup)})
        form.add_field("document", b"%PDF", filename="a.pdf")  # forces multipart/form-data
        async with http.post(f"{base}/sendMessage", data=form) as response:
            assert (await response.json())["result"]["text"] == "multipart"
        async with http.get(f"{base}/sendMessage?chat_id={CHAT}&text=%20") as response:
            assert response.status == 400
            assert await response.json() == {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: message text is empty",
            }
        async with http.post(f"{base}/noSuchMethod") as response:
            assert (response.status, await response.json()) == (
                404,
                {"ok": False, "error_code": 404, "description": "Not Found"},
            )
        async with http.post(f"{standin.base_url}1:nope/getMe") as response:
            assert (response.status, await response.json()) == (
                401,
                {"ok": False, "error_code": 401, "description": "Unauthorized"},
            )
    assert [m.text for m in standin.messages(CHAT)] == ["json", "multipart"]
