"""The bot's real conversation handler with Telegram and Rasa replaced by recorders."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bot.flood_control import FloodGuard
from bot.handlers import ConversationHandlers
from bot.rasa_client import BotReply
from bot.rendering import ButtonPayloads
from bot.services import BotServices
from infobansos.content.live import PublishedContent
from infobansos.settings import PROJECT_ROOT, get_settings

CHAT_ID = 4242


class RecordingRasa:
    """Stands in for Rasa's REST channel: keeps every text it is sent and answers with one line."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[BotReply]:
        self.texts.append(text)
        return [BotReply("Baik, kami bantu.")]


class RecordingTelegram:
    """Stands in for `context.bot`: keeps what the resident would see."""

    id, username = 1, "infobansos_bot"

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send_chat_action(self, chat_id: int, action: str) -> None:
        return None

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> None:
        self.sent.append(text)


def conversation(tmp_path: Path) -> tuple[ConversationHandlers, RecordingRasa, RecordingTelegram]:
    """Handlers on the test's own database and settings, as `bot.app.build_services` builds them."""
    settings = get_settings()
    rasa = RecordingRasa()
    services = BotServices(
        rasa=rasa,  # type: ignore[arg-type]
        live=PublishedContent(settings.database_url, PROJECT_ROOT / "content"),
        content_dir=PROJECT_ROOT / "content",
        pseudonym_key=settings.pseudonym_key,
        identity_hash_key=settings.identity_hash_key,
        database_url=settings.database_url,
        rasa_tracker_db=tmp_path / "tracker.db",
        payloads=ButtonPayloads(b"k" * 32),
        flood=FloodGuard(),
    )
    return ConversationHandlers(services), rasa, RecordingTelegram()


def private_update() -> Any:
    """Just the parts of a private-chat `Update` that `converse` reads."""
    return SimpleNamespace(update_id=1, effective_chat=SimpleNamespace(id=CHAT_ID, type="private"))


def context_for(telegram: RecordingTelegram) -> Any:
    return SimpleNamespace(bot=telegram)
