"""The real python-telegram-bot pointed at the stand-in, for the stand-in's tests.

The stand-in must fool PTB itself, so every test drives it with a PTB `Bot` (the `bot` fixture) or
a polling `Application` (`polling_app`), never with hand-made requests only.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, BaseHandler, ContextTypes

from standin.server import TelegramStandIn

CHAT = 5005  # the private chat the `standin` fixture opens
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="ya")]])


@contextlib.asynccontextmanager
async def polling_app(standin: TelegramStandIn, *handlers: BaseHandler) -> AsyncIterator[Application]:
    """A real PTB Application, polling the stand-in exactly as it would poll Telegram."""
    app = Application.builder().token(standin.token).base_url(standin.base_url).build()
    app.add_handlers(list(handlers))
    await app.initialize()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    await app.start()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def eventually(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition never became true"
        await asyncio.sleep(0.01)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(update.message.text)
