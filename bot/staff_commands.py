"""Staff commands for allow-listed Telegram users (`ADMIN_TELEGRAM_IDS`), in a private chat only.

`/reload` checks for newly published content at once (it is picked up within seconds anyway), and
before anything was published it loads edited files in content/ without a restart: first in the
bot (its interface messages), then in the action server (the answers), each only if they are valid. `/stats` shows
today's figures from the question log, how the status check's guards stand (issue 13), and how
far residents got in the eligibility check (issue 16).
Anyone else gets the usual "unknown command" reply, because `bot.app` routes these commands here only for staff.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.ext import ContextTypes

from bot.delivery import send_replies
from bot.rasa_client import BotReply, RasaUnavailable
from bot.services import BotServices
from infobansos import protocol
from infobansos.content.store import RELOAD_RESULT_KEY
from infobansos.content.templates import ContentError, format_date_id
from infobansos.privacy.redaction import pseudonym
from infobansos.question_log.today import TodaysStats, todays_stats
from infobansos.settings import get_settings
from infobansos.storage.engine import session_factory

logger = logging.getLogger(__name__)

RELOAD_ACTION = protocol.ACTION_RELOAD_CONTENT
TOP_LIKELY = 5  # likely programs listed in /stats; a chat message should stay short


def read_todays_stats(database_url: str, now: dt.datetime, budget: int) -> TodaysStats:
    with session_factory(database_url)() as session:
        return todays_stats(session, now, budget)


class StaffHandlers:
    def __init__(self, services: BotServices) -> None:
        self.services = services

    async def _reply(self, update: Update, context: ContextTypes.DEFAULT_TYPE, key: str, **values: object) -> None:
        text = self.services.content.message(key, **values)
        await send_replies(context.bot, update.effective_chat.id, [BotReply(text)], self.services.payloads)

    async def on_reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await asyncio.to_thread(self.services.live.reload)
        except ContentError as exc:
            await self._reply(update, context, "staff_reload_failed", error=str(exc))
            return
        sender = pseudonym(self.services.pseudonym_key, update.effective_chat.id)
        try:
            replies = await self.services.rasa.execute(sender, RELOAD_ACTION)
        except RasaUnavailable:
            replies = []
        result = next((r.custom[RELOAD_RESULT_KEY] for r in replies if RELOAD_RESULT_KEY in r.custom), None)
        if not isinstance(result, dict):
            await self._reply(update, context, "staff_reload_unreachable")
            return
        if not result.get("ok"):
            await self._reply(update, context, "staff_reload_failed", error=str(result.get("error")))
            return
        await self._reply(update, context, "staff_reload_done", answers=result.get("answers"))

    async def on_stats(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        now = dt.datetime.now(dt.UTC)
        try:
            figures = await asyncio.to_thread(
                read_todays_stats, self.services.database_url, now, get_settings().status_lookups_per_hour
            )
        except SQLAlchemyError:
            logger.exception("could not read today's figures")
            await self._reply(update, context, "busy")
            return
        stats, status, guards, checks = figures.turns, figures.status, figures.guards, figures.eligibility
        programs = self.services.content.programs
        await self._reply(
            update,
            context,
            "staff_stats",
            date=format_date_id(figures.day),
            questions=stats.questions,
            fallbacks=stats.fallbacks,
            fallback_rate=f"{stats.fallback_rate:.0%}",
            out_of_scope=stats.out_of_scope,
            busy=stats.busy,
            up=stats.thumbs_up,
            down=stats.thumbs_down,
            lookups=status.lookups,
            found=status.found,
            nik_locked=status.nik_locked,
            chat_limited=status.chat_limited,
            budget_spent=status.budget_spent,
            nik_locks_now=guards.nik_locks_active,
            budget_used=guards.lookups_last_hour,
            budget=guards.budget,
            budget_share=f"{guards.budget_share:.0%}",
            kelayakan={
                "started": checks.started,
                "completed": checks.completed,
                "abandoned": checks.abandoned,
                "running": checks.running,
                "stops": list(checks.stop_points.items()),
                "likely": [
                    (programs[key].short if key in programs else key, n)
                    for key, n in list(checks.likely.items())[:TOP_LIKELY]
                ],
            },
        )
