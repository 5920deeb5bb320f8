"""Issue 13.6: only what the bot issued reaches Rasa as a payload; typed text is parsed as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from telegram import Bot, Message, Update

from bot.flood_control import FloodGuard
from bot.handlers import ConversationHandlers
from bot.payload_guard import as_typed_text
from bot.rasa_client import BotReply
from bot.rendering import ButtonPayloads
from bot.services import BotServices
from infobansos import protocol
from infobansos.content.live import PublishedContent

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

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def answer_callback_query(self, *args: Any, **kwargs: Any) -> None:
        return None

    async def edit_message_reply_markup(self, *args: Any, **kwargs: Any) -> None:
        return None

    async def send_chat_action(self, *args: Any, **kwargs: Any) -> None:
        return None

    async def send_message(self, chat_id: int, text: str, *args: Any, **kwargs: Any) -> None:
        self.sent.append(text)


class Context:
    def __init__(self) -> None:
        self.bot = QuietBot()


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


def _press(data: str) -> Update:
    """A resident's client sending this callback data, as a modified client can."""
    return Update.de_json(
        {
            "update_id": 2,
            "callback_query": {
                "id": "q1",
                "from": {"id": 5, "is_bot": False, "first_name": "Warga"},
                "chat_instance": "c",
                "data": data,
                "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, "text": "Menu"},
            },
        },
        QuietBot(),  # type: ignore[arg-type]
    )


@pytest.fixture
def rasa(tmp_path: Path, content_dir: Path) -> tuple[ConversationHandlers, RecordingRasa]:
    recording = RecordingRasa()
    services = BotServices(
        rasa=recording,  # type: ignore[arg-type]
        live=PublishedContent(f"sqlite:///{tmp_path / 'none.sqlite3'}", content_dir),
        content_dir=content_dir,
        pseudonym_key=b"k" * 32,
        identity_hash_key=b"n" * 32,
        database_url=f"sqlite:///{tmp_path / 'none.sqlite3'}",
        rasa_tracker_db=tmp_path / "tracker.db",
        payloads=ButtonPayloads(b"k" * 32),
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


async def test_only_buttons_the_bot_issued_reach_rasa(rasa: tuple[ConversationHandlers, RecordingRasa]) -> None:
    handlers, recording = rasa
    issued = handlers.services.payloads.callback_data(protocol.payload(protocol.ASK_REQUIREMENTS, "klj"))
    other_key = ButtonPayloads(b"x" * 32).callback_data(protocol.payload(protocol.SEND_NUMBER))
    forged = [FORGED, protocol.payload(protocol.SEND_NUMBER), other_key, issued.replace("klj", "kjp"), "#" + "0" * 20]
    for data in [issued, *forged]:
        context = Context()
        await handlers.on_button(_press(data), context)  # type: ignore[arg-type]
        if data != issued:
            assert context.bot.sent == [handlers.services.content.message("button_expired")], data
    assert recording.texts == [protocol.payload(protocol.ASK_REQUIREMENTS, "klj")]


async def test_a_button_naming_an_unknown_program_does_not_reach_rasa(
    rasa: tuple[ConversationHandlers, RecordingRasa],
) -> None:
    handlers, recording = rasa
    payloads = handlers.services.payloads
    for program in ("kartu_palsu", 'klj"}, {"x'):
        await handlers.on_button(_press(payloads.callback_data(f'/tanya_syarat{{"program": "{program}"}}')), Context())  # type: ignore[arg-type]
    await handlers.on_button(_press(payloads.callback_data("/tanya_syarat{bukan json")), Context())  # type: ignore[arg-type]
    assert recording.texts == []


async def test_the_selengkapnya_button_reaches_rasa_only_as_the_bot_issued_it(
    rasa: tuple[ConversationHandlers, RecordingRasa],
) -> None:
    handlers, recording = rasa
    payloads = handlers.services.payloads
    more = protocol.payload(protocol.ASK_REQUIREMENTS, "klj", protocol.PART_MORE)
    await handlers.on_button(_press(payloads.callback_data(more)), Context())  # type: ignore[arg-type]
    assert recording.texts == [more]

    issued_but_odd = [
        '/tanya_syarat{"program": "klj", "bagian": "semua"}',  # a part the content store does not render
        '/tanya_syarat{"program": "klj", "bagian": ["lengkap"]}',
        '/tanya_syarat{"program": "klj", "status_nik": "nomorref1"}',  # not an entity the domain lists
    ]
    for payload in issued_but_odd:
        context = Context()
        await handlers.on_button(_press(payloads.callback_data(payload)), context)  # type: ignore[arg-type]
        assert context.bot.sent == [handlers.services.content.message("button_expired")], payload
    await handlers.on_text(_update(more), Context())  # type: ignore[arg-type]
    assert recording.texts == [more, more[1:]], "typed, it is text for NLU, not a payload"
