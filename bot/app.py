"""Builds the python-telegram-bot Application: wiring only, the behaviour lives in `handlers`."""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.commands import register_profile
from bot.flood_control import FloodGuard
from bot.handlers import DELETE_CALLBACK_PREFIX, BotServices, ConversationHandlers
from bot.rasa_client import RasaClient
from bot.rendering import ButtonPayloads
from infobansos.content import load_content
from infobansos.settings import Settings

NON_TEXT = (
    filters.PHOTO
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.Sticker.ALL
    | filters.Document.ALL
    | filters.LOCATION
    | filters.CONTACT
)


def build_services(settings: Settings) -> BotServices:
    return BotServices(
        rasa=RasaClient(settings.rasa_url, settings.rasa_timeout_seconds),
        content=load_content(settings.content_dir),
        pseudonym_key=settings.pseudonym_key,
        identity_hash_key=settings.identity_hash_key,
        database_url=settings.database_url,
        rasa_tracker_db=settings.rasa_tracker_db,
        payloads=ButtonPayloads(),
        flood=FloodGuard(),
    )


def build_application(settings: Settings, token: str, base_url: str) -> Application:
    """The bot application, talking to the Telegram Bot API at `base_url`."""
    services = build_services(settings)
    handlers = ConversationHandlers(services)

    async def close_services(_: Application) -> None:
        await services.rasa.aclose()

    async def announce(app: Application) -> None:
        await register_profile(app, services.content)

    application = (
        Application.builder().token(token).base_url(base_url).post_init(announce).post_shutdown(close_services).build()
    )
    application.add_handler(MessageHandler(filters.COMMAND, handlers.on_command))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.on_text))
    application.add_handler(CallbackQueryHandler(handlers.on_delete_choice, pattern=f"^{DELETE_CALLBACK_PREFIX}"))
    application.add_handler(CallbackQueryHandler(handlers.on_button))
    application.add_handler(MessageHandler(NON_TEXT, handlers.on_non_text))
    application.add_error_handler(handlers.on_error)
    return application
