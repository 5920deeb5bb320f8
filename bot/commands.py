"""The bot's Telegram profile: its command menu and description, registered at start-up.

Command names are code (handlers depend on them); what Telegram shows next to each one, and the
description, are staff's words in `content/messages.yml`.
"""

from __future__ import annotations

import logging

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import Application

from infobansos import protocol
from infobansos.content.store import ContentStore

logger = logging.getLogger(__name__)

# Shown in Telegram's menu in this order.
MENU_COMMANDS = ("start", "menu", "bantuan", "kelayakan", "status", "privasi", "hapusdata", "batal")
# Commands that become a Rasa intent payload; the others are handled in the bot itself.
COMMAND_PAYLOADS = {
    "start": protocol.payload(protocol.GREET),
    "menu": protocol.payload(protocol.GREET),
    "kelayakan": protocol.payload(protocol.CHECK_ELIGIBILITY),
    "status": protocol.payload(protocol.CHECK_STATUS),
    "privasi": protocol.payload(protocol.ASK_PRIVACY),
    "batal": protocol.payload(protocol.CANCEL),
}


async def register_profile(application: Application, content: ContentStore) -> None:
    """setMyCommands, setMyDescription, setMyShortDescription; a failure must not stop the bot."""
    commands = [BotCommand(name, content.message(f"command_{name}")) for name in MENU_COMMANDS]
    try:
        await application.bot.set_my_commands(commands)
        await application.bot.set_my_description(content.message("bot_description"))
        await application.bot.set_my_short_description(content.message("bot_short_description"))
    except TelegramError:
        logger.exception("could not register the command menu and description with Telegram")
