"""Entry point: `python -m bot` polls Telegram; `python -m bot --terminal` chats in this terminal."""

from __future__ import annotations

import argparse
import asyncio
import logging

from bot.app import build_application
from infobansos.settings import SettingsError, get_settings

QUIET_LOGGERS = ("httpx", "httpcore")  # httpx logs request URLs, which contain the bot token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--terminal", action="store_true", help="chat in the terminal instead of Telegram")
    args = parser.parse_args()
    try:
        settings = get_settings()
    except SettingsError as exc:
        raise SystemExit(f"configuration error: {exc}") from exc
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    if args.terminal:
        from bot.terminal_chat import run_terminal_chat

        try:
            raise SystemExit(asyncio.run(run_terminal_chat(settings)))
        except KeyboardInterrupt:  # Ctrl-C in the terminal: the supervisor stops the rest
            raise SystemExit(130) from None
    if not settings.telegram_bot_token:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set (use --terminal to chat without Telegram)")
    application = build_application(settings, settings.telegram_bot_token, settings.telegram_api_base_url)
    application.run_polling()


if __name__ == "__main__":
    main()
