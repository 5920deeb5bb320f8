"""`/stats` tells the staff how the status check is used and how its guards stand (issue 13)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bot import staff_commands
from bot.staff_commands import StaffHandlers
from infobansos.content.store import load_content
from infobansos.eligibility.tracking import asked, cancel_check, finish_check, start_check
from infobansos.question_log.turns import TurnLog
from infobansos.settings import get_settings
from infobansos.status.limits import Outcome
from infobansos.status.models import NikLock, StatusAttempt
from infobansos.storage.engine import session_factory, utcnow


def _seed(database_url: str) -> None:
    now = utcnow()
    replies = ["found", "found", "no_match", "nik_locked", "budget_spent", "locked", "ask_kk"]
    with session_factory(database_url).begin() as session:
        for i, reply in enumerate(replies):
            session.add(TurnLog(turn_id=f"t{i}", sender="u_x", answer_id=f"status:{reply}", created_at=now))
        session.add(NikLock(nik_hash="a" * 64, created_at=now, until=now + dt.timedelta(minutes=40)))
        session.add(NikLock(nik_hash="b" * 64, created_at=now, until=now - dt.timedelta(minutes=1)))
        for sender in ("u_a", "u_b", "u_c"):
            session.add(StatusAttempt(sender=sender, outcome=Outcome.FOUND, created_at=now))


async def test_stats_show_lookups_locks_and_the_hourly_budget(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STATUS_LOOKUPS_PER_HOUR", "12")
    get_settings.cache_clear()
    database_url = get_settings().database_url
    _seed(database_url)
    sent: list[str] = []

    async def capture(_bot: Any, _chat: int, replies: list[Any], _payloads: Any) -> None:
        sent.extend(reply.text for reply in replies)

    monkeypatch.setattr(staff_commands, "send_replies", capture)
    services = SimpleNamespace(content=load_content(content_dir), database_url=database_url, payloads=None)
    update = SimpleNamespace(effective_chat=SimpleNamespace(id=1))
    await StaffHandlers(services).on_stats(update, SimpleNamespace(bot=None))  # type: ignore[arg-type]
    [text] = sent
    assert "6. Cek status: 3 kali, 2 ditemukan" in text
    assert "NIK dikunci 1 · batas per chat 1 · kuota habis 1" in text
    assert "1 NIK terkunci · kuota 1 jam terakhir 3 dari 12 (25%)" in text


async def test_stats_count_todays_eligibility_checks_and_where_residents_stop(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database_url = get_settings().database_url
    now = utcnow()
    with session_factory(database_url).begin() as session:
        for check_id in ("a", "b"):
            start_check(session, check_id, now)
            finish_check(session, check_id, ["klj", "pkh"] if check_id == "a" else ["klj"], now)
        start_check(session, "c", now)
        asked(session, "c", "desil")
        cancel_check(session, "c", now)
        start_check(session, "d", now)  # still answering
    sent: list[str] = []

    async def capture(_bot: Any, _chat: int, replies: list[Any], _payloads: Any) -> None:
        sent.extend(reply.text for reply in replies)

    monkeypatch.setattr(staff_commands, "send_replies", capture)
    services = SimpleNamespace(content=load_content(content_dir), database_url=database_url, payloads=None)
    update = SimpleNamespace(effective_chat=SimpleNamespace(id=1))
    await StaffHandlers(services).on_stats(update, SimpleNamespace(bot=None))  # type: ignore[arg-type]
    [text] = sent
    assert "9. Cek kelayakan: 4 dimulai · 2 selesai · 1 berhenti · 1 masih berjalan" in text
    assert "10. Berhenti di: desil DTSEN 1" in text
    assert "11. Program yang mungkin cocok: KLJ (lansia) 2 · PKH 1" in text
