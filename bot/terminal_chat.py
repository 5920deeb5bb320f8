"""Chat with the bot in a terminal, through the very same python-telegram-bot code path.

No token needed: the real `Application` talks to the in-process Telegram stand-in, each typed
line becomes a Telegram update, and whatever the bot sends back is printed. A typed number
presses the matching button. At the end of the input (Ctrl-D or the end of a pipe) every line
has been answered, and the chat ends.
"""

from __future__ import annotations

import asyncio
import sys

from telegram import Update

from bot.app import build_application
from infobansos.content.store import load_content
from infobansos.settings import Settings
from standin.server import BotMessage, TelegramStandIn

TERMINAL_CHAT_ID = 1
BOT_PREFIX = "Bot: "
USER_PREFIX = "Anda: "


def _print_reply(message: BotMessage, buttons: dict[str, tuple[int, str]]) -> None:
    print(BOT_PREFIX + message.text.replace("\n", "\n" + " " * len(BOT_PREFIX)))
    for row in message.buttons:
        for title, data in row:
            number = str(len(buttons) + 1)
            buttons[number] = (message.message_id, data)
            print(f"{' ' * len(BOT_PREFIX)}[{number}] {title}")
    print(flush=True)


async def run_terminal_chat(settings: Settings) -> int:
    """Read lines until end of input, answering each one; returns the process exit code."""
    interactive = sys.stdin.isatty()
    print(load_content(settings.content_dir).message("terminal_welcome") + "\n", flush=True)
    loop = asyncio.get_running_loop()
    async with TelegramStandIn() as standin:
        application = build_application(settings, standin.token, standin.base_url)
        await application.initialize()
        await application.start()
        buttons: dict[str, tuple[int, str]] = {}
        try:
            while True:
                if interactive:
                    print(USER_PREFIX, end="", flush=True)
                line = await loop.run_in_executor(None, sys.stdin.readline)
                if not line:
                    break
                line = line.strip()
                if not line:
                    continue
                if not interactive:
                    print(USER_PREFIX + line)
                if line in buttons:
                    message_id, data = buttons.pop(line)
                    try:
                        standin.press_button(TERMINAL_CHAT_ID, message_id, data)
                    except ValueError:
                        continue
                    raw_update = standin.last_update
                else:
                    raw_update = standin.send_text(TERMINAL_CHAT_ID, line)
                await application.process_update(Update.de_json(raw_update, application.bot))
                buttons.clear()
                for message in standin.new_messages(TERMINAL_CHAT_ID):
                    _print_reply(message, buttons)
        finally:
            await application.stop()
            await application.shutdown()
    return 0
