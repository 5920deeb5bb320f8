"""Entry point: `python -m bot` polls Telegram; `python -m bot --terminal` chats in this terminal."""

from __future__ import annotations

import argparse
import asyncio
from urllib.parse import urlsplit


def main() -> None:
    """Ctrl-C while the bot is still importing (it arrives from `make run`'s terminal) exits quietly."""
    try:
        run()
    except KeyboardInterrupt:
        raise SystemExit(130) from None


def run() -> None:
    # Imported here, inside main's KeyboardInterrupt guard: importing the bot takes a moment.
    from bot.app import build_application
    from bot.webhook_secret import check_webhook_secret_in_constant_time
    from infobansos.logging_setup import configure_logging
    from infobansos.settings import SettingsError, get_settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--terminal", action="store_true", help="chat in the terminal instead of Telegram")
    args = parser.parse_args()
    try:
        settings = get_settings()
    except SettingsError as exc:
        raise SystemExit(f"configuration error: {exc}") from exc
    configure_logging(settings.log_level)  # library pins and redaction: no resident text in the log
    if args.terminal:
        from bot.terminal_chat import run_terminal_chat

        # Ctrl-C in the terminal: main() exits with 130, the supervisor stops the rest.
        raise SystemExit(asyncio.run(run_terminal_chat(settings)))
    if not settings.telegram_bot_token:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set (use --terminal to chat without Telegram)")
    application = build_application(settings, settings.telegram_bot_token, settings.telegram_api_base_url)
    if settings.telegram_webhook_url:
        # python-telegram-bot answers 403 to any request without the right secret-token header.
        check_webhook_secret_in_constant_time()
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlsplit(settings.telegram_webhook_url).path.lstrip("/"),
            webhook_url=settings.telegram_webhook_url,
            secret_token=settings.telegram_webhook_secret,
        )
    else:
        application.run_polling()


if __name__ == "__main__":
    main()
