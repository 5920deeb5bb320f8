"""Builds the python-telegram-bot Application: wiring only, the behaviour lives in `handlers`."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.commands import register_profile
from bot.feedback import FEEDBACK_PREFIX, FeedbackHandlers
from bot.flood_control import FloodGuard
from bot.handlers import DELETE_CALLBACK_PREFIX, ConversationHandlers
from bot.rasa_client import RasaClient
from bot.rasa_pool import RasaPool
from bot.rate_limits import PacedRateLimiter
from bot.rendering import ButtonPayloads
from bot.services import BotServices
from bot.shared_chat_order import SharedChatOrder
from bot.shared_send_limit import SharedSendLimit
from bot.staff_commands import StaffHandlers
from bot.update_processor import PerChatUpdateProcessor
from infobansos.content.live import PublishedContent
from infobansos.settings import Settings

logger = logging.getLogger(__name__)

CONTENT_POLL_SECONDS = 2.0  # how often the bot checks for newly published content (published within 5 s)
RATE_LIMIT_RETRIES = 3  # after a 429, wait as Telegram says and try again, up to this often
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
    keep_alive = settings.rasa_workers == 1  # see RasaClient: workers sharing a port need new connections
    return BotServices(
        rasa=RasaPool(
            [
                RasaClient(url, settings.rasa_timeout_seconds, settings.rasa_auth_token, keep_alive=keep_alive)
                for url in settings.rasa_urls
            ]
        ),
        # Never polls by itself (the handlers run on the event loop): `_follow_published` refreshes it.
        live=PublishedContent(settings.database_url, settings.content_dir, poll_seconds=float("inf")),
        content_dir=settings.content_dir,
        pseudonym_key=settings.pseudonym_key,
        identity_hash_key=settings.identity_hash_key,
        database_url=settings.database_url,
        rasa_tracker_db=settings.rasa_tracker_db,
        payloads=ButtonPayloads(settings.pseudonym_key),
        flood=FloodGuard(),
        admin_ids=settings.admin_telegram_ids,
        var_dir=settings.var_dir,
    )


async def _follow_published(live: PublishedContent) -> None:
    """Check for a newly published revision every CONTENT_POLL_SECONDS, off the event loop."""
    while True:
        await asyncio.sleep(CONTENT_POLL_SECONDS)
        try:
            await asyncio.to_thread(live.refresh)
        except Exception:  # keep following: a passing fault must not freeze the content for good
            logger.exception("could not check for published content")


def send_limits(settings: Settings, token: str) -> PacedRateLimiter:
    """Telegram's limits; with REDIS_URL, the overall one is shared by every replica on this token."""
    rate = settings.telegram_max_sends_per_second
    shared = SharedSendLimit(settings.redis_url, token, rate) if settings.redis_url and rate > 0 else None
    return PacedRateLimiter(shared=shared, overall_max_rate=rate, max_retries=RATE_LIMIT_RETRIES)


def shared_order(settings: Settings) -> SharedChatOrder | None:
    """With REDIS_URL, replicas behind a load balancer keep each chat's order together."""
    return SharedChatOrder(settings.redis_url, settings.pseudonym_key) if settings.redis_url else None


def build_application(settings: Settings, token: str, base_url: str) -> Application:
    """The bot application, talking to the Telegram Bot API at `base_url`."""
    services = build_services(settings)
    handlers = ConversationHandlers(services)
    feedback = FeedbackHandlers(services)
    staff = StaffHandlers(services)

    following: list[asyncio.Task[None]] = []

    async def close_services(_: Application) -> None:
        for task in following:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await services.rasa.aclose()

    async def announce(app: Application) -> None:
        following.append(asyncio.create_task(_follow_published(services.live)))
        await register_profile(app, services.content)

    application = (
        Application.builder()
        .token(token)
        .base_url(base_url)
        .concurrent_updates(PerChatUpdateProcessor(services.flood, shared_order=shared_order(settings)))
        .rate_limiter(send_limits(settings, token))
        .post_init(announce)
        .post_shutdown(close_services)
        .build()
    )
    # Staff commands match only for allow-listed users in a private chat; for anyone else
    # they fall through to the generic command handler and its "unknown command" reply.
    staff_only = filters.User(user_id=services.admin_ids) & filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("reload", staff.on_reload, filters=staff_only))
    application.add_handler(CommandHandler("stats", staff.on_stats, filters=staff_only))
    application.add_handler(MessageHandler(filters.COMMAND, handlers.on_command))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.on_text))
    application.add_handler(CallbackQueryHandler(handlers.on_delete_choice, pattern=f"^{DELETE_CALLBACK_PREFIX}"))
    application.add_handler(CallbackQueryHandler(feedback.on_feedback, pattern=f"^{FEEDBACK_PREFIX}"))
    application.add_handler(CallbackQueryHandler(handlers.on_button))
    application.add_handler(MessageHandler(NON_TEXT, handlers.on_non_text))
    application.add_error_handler(handlers.on_error)
    return application
