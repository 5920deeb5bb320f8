"""`/hapusdata` in a private chat and in a group, driven through the real handlers with a fake bot.

A group's turns are stored under the group chat's pseudonym (the bot hashes `chat.id`), so they
can't be told apart per person: in a group the command refuses and points to a private chat.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from unittest.mock import AsyncMock

import pytest
from sqlalchemy import func, select
from telegram.constants import ChatType

from bot.flood_control import FloodGuard
from bot.handlers import DELETE_YES, ConversationHandlers
from bot.rasa_client import RasaClient
from bot.rasa_pool import RasaPool
from bot.rendering import ButtonPayloads
from bot.services import BotServices
from infobansos.content.live import PublishedContent
from infobansos.privacy.redaction import pseudonym
from infobansos.question_log.turns import TurnLog
from infobansos.settings import PROJECT_ROOT
from infobansos.storage.engine import session_factory

KEY = b"k" * 40
GROUP_ID, PRIVATE_ID = -100_123_456, 4_242
QUESTION = "syarat kjp untuk anak yatim apa saja ya"


@pytest.fixture
def handlers(tmp_path: Path) -> ConversationHandlers:
    content_dir = PROJECT_ROOT / "content"
    services = BotServices(
        rasa=RasaPool([RasaClient("http://127.0.0.1:9", 1.0, "t" * 32)]),
        live=PublishedContent(f"sqlite:///{tmp_path / 'infobansos.sqlite3'}", content_dir),
        content_dir=content_dir,
        pseudonym_key=KEY,
        identity_hash_key=b"n" * 40,
        database_url=f"sqlite:///{tmp_path / 'infobansos.sqlite3'}",
        rasa_tracker_db=tmp_path / "rasa-tracker.sqlite3",
        payloads=ButtonPayloads(b"k" * 32),
        flood=FloodGuard(),
        var_dir=tmp_path / "var",
    )
    with session_factory(services.database_url).begin() as session:
        for number, chat_id in enumerate((GROUP_ID, PRIVATE_ID)):
            session.add(TurnLog(turn_id=f"t{number}", sender=pseudonym(KEY, chat_id), text=QUESTION))
    return ConversationHandlers(services)


def _update(chat_id: int, chat_type: str, data: str | None = None) -> SimpleNamespace:
    query = SimpleNamespace(data=data, answer=AsyncMock(), edit_message_reply_markup=AsyncMock())
    return SimpleNamespace(
        effective_chat=SimpleNamespace(id=chat_id, type=chat_type),
        effective_message=SimpleNamespace(text="/hapusdata"),
        callback_query=query,
    )


def _context() -> SimpleNamespace:
    return SimpleNamespace(bot=AsyncMock(id=1, username="InfoBansosBot"))


def _sent(context: SimpleNamespace) -> list[tuple[str, object]]:
    return [(call.args[1], call.kwargs.get("reply_markup")) for call in context.bot.send_message.call_args_list]


def _rows(handlers: ConversationHandlers, chat_id: int) -> int:
    sender = pseudonym(KEY, chat_id)
    with session_factory(handlers.services.database_url)() as session:
        return session.scalar(select(func.count()).select_from(TurnLog).where(TurnLog.sender == sender))


async def test_in_a_group_hapusdata_refuses_politely_and_points_to_a_private_chat(
    handlers: ConversationHandlers,
) -> None:
    context = _context()
    await handlers.on_command(_update(GROUP_ID, ChatType.SUPERGROUP), context)
    [(text, keyboard)] = _sent(context)
    assert "chat pribadi" in text and keyboard is None, "no delete button anyone in the group could press"
    assert _rows(handlers, GROUP_ID) == 1


async def test_an_old_yes_button_in_a_group_deletes_nothing(handlers: ConversationHandlers) -> None:
    context = _context()
    await handlers.on_delete_choice(_update(GROUP_ID, ChatType.GROUP, DELETE_YES), context)
    [(text, _)] = _sent(context)
    assert "chat pribadi" in text
    assert _rows(handlers, GROUP_ID) == 1 and _rows(handlers, PRIVATE_ID) == 1


async def test_in_a_private_chat_yes_deletes_the_residents_rows_and_the_reports_quoting_them(
    handlers: ConversationHandlers,
) -> None:
    report = handlers.services.var_dir / "reports" / "20261130-101500"
    report.mkdir(parents=True)
    (report / "report.html").write_text(f"<td>{QUESTION}</td>", encoding="utf-8")
    context = _context()
    await handlers.on_command(_update(PRIVATE_ID, ChatType.PRIVATE), context)
    [(_, keyboard)] = _sent(context)
    assert keyboard is not None, "a private chat is asked to confirm"
    await handlers.on_delete_choice(_update(PRIVATE_ID, ChatType.PRIVATE, DELETE_YES), context)
    assert "dihapus" in _sent(context)[-1][0]
    assert _rows(handlers, PRIVATE_ID) == 0
    assert _rows(handlers, GROUP_ID) == 1, "the group's rows are not the resident's"
    assert not report.exists()
