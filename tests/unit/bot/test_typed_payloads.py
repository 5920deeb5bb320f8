"""Issue 13.6: only what the bot issued reaches Rasa as a payload; typed text is parsed as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from telegram import Bot, Message, Update

from bot.flood_control import FloodGuard
from bot.handlers import ConversationHandlers
from bot.rasa_client import BotReply
from bot.rendering import ButtonPayloads
from bot.services import BotServices
from bot.typed_text import as_typed_text
from infobansos import protocol
from infobansos.content.store import load_content

BOT_NAME = "InfoBansosBot"
FORGED = '/tanya_syarat{"program": "klj"}'


class RecordingRasa:
    """Stands in for Rasa: remembers what it was sent."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    async def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[BotReply]:
        self.texts.append(text)
        return [BotReply("ok")]


class QuietBot:
    id, username = 42, BOT_NAME

    async def send_chat_action(self, *args: Any, **kwargs: Any) -> None:
        return None

    async def send_message(self, *args: Any, **kwargs: Any) -> None:
        return None


class Context:
    bot = QuietBot()


def _update(text: str, chat_type: str = "private", entities: list[dict] | None = None) -> Update:
    message = Message.de_json(
        {
            "message_id": 1,
            "date": 0,
            "chat": {"id": -5 if chat_type != "private" else 5, "type": chat_type},
            "from": {"id": 5, "is_bot": False, "first_name": "Warga"},
            "text": text,
            "entities": entities or [],
        },
        Bot("1:test"),
    )
    return Update(update_id=1, message=message)


@pytest.fixture
def rasa(tmp_path: Path, content_dir: Path) -> tuple[ConversationHandlers, RecordingRasa]:
    recording = RecordingRasa()
    services = BotServices(
        rasa=recording,  # type: ignore[arg-type]
        content=load_content(content_dir),
        content_dir=content_dir,
        pseudonym_key=b"k" * 32,
        identity_hash_key=b"n" * 32,
        database_url=f"sqlite:///{tmp_path / 'none.sqlite3'}",
        rasa_tracker_db=tmp_path / "tracker.db",
        payloads=ButtonPayloads(),
        flood=FloodGuard(),
    )
    return ConversationHandlers(services), recording


async def test_a_typed_payload_reaches_rasa_as_text(rasa: tuple[ConversationHandlers, RecordingRasa]) -> None:
    handlers, recording = rasa
    await handlers.on_text(_update(FORGED), Context())  # type: ignore[arg-type]
    await handlers.on_text(_update("  //" + FORGED), Context())  # type: ignore[arg-type]
    assert recording.texts == [FORGED[1:], FORGED[1:]]


async def test_a_typed_payload_after_a_mention_in_a_group_reaches_rasa_as_text(
    rasa: tuple[ConversationHandlers, RecordingRasa],
) -> None:
    handlers, recording = rasa
    mention = f"@{BOT_NAME}"
    entities = [{"type": "mention", "offset": 0, "length": len(mention)}]
    await handlers.on_text(_update(f"{mention} {FORGED}", "supergroup", entities), Context())  # type: ignore[arg-type]
    assert recording.texts == [FORGED[1:]]


async def test_the_bots_own_commands_still_become_payloads(rasa: tuple[ConversationHandlers, RecordingRasa]) -> None:
    handlers, recording = rasa
    entities = [{"type": "bot_command", "offset": 0, "length": len("/start")}]
    await handlers.on_command(_update("/start", entities=entities), Context())  # type: ignore[arg-type]
    assert recording.texts == [protocol.payload(protocol.GREET)]


def test_ordinary_text_is_untouched() -> None:
    assert as_typed_text("syarat klj / kjp apa?") == "syarat klj / kjp apa?"
    assert as_typed_text("///") == "///"
