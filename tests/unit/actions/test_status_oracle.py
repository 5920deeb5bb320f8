"""Issue 13: the status check must not tell whether a NIK is in the aid data.

A NIK that is not in the data and a NIK with a wrong KK get the same reply, cost the database the
same statements, and count towards the same per-NIK lock; a global hourly budget caps lookups.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import event
from status_tracker import KK, NIK, check, store_application, tracker

from actions.live_content import published_content
from actions.status_check import ActionStartStatusCheck
from infobansos import protocol
from infobansos.settings import get_settings
from infobansos.storage.engine import session_factory

UNKNOWN_NIK = "3175095203850099"  # a valid Jakarta NIK that is not in the status data
WRONG_KK = "3175090000000099"


@pytest.fixture(autouse=True)
def fresh_caches() -> None:
    published_content.cache_clear()


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements the action server sends while the block runs (text only, not parameters)."""
    engine = session_factory(get_settings().database_url).kw["bind"]
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith("PRAGMA"):
            seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_a_nik_not_in_the_data_and_a_wrong_kk_run_the_same_statements() -> None:
    store_application()
    await check(NIK, WRONG_KK, sender="u_warm_up")  # first use opens connections and caches content
    with statements() as wrong_kk:
        await check(NIK, WRONG_KK, sender="u_one")
    with statements() as unknown_nik:
        await check(UNKNOWN_NIK, WRONG_KK, sender="u_two")
    assert any(s.startswith("INSERT INTO status_attempt") for s in wrong_kk)
    assert wrong_kk == unknown_nik


def masked(text: str) -> str:
    return text.replace("3175********0012", "NIK").replace("3175********0099", "NIK")


async def five_misses(nik: str, prefix: str) -> list[str]:
    """Five wrong KKs for one NIK, each from a different chat (so no chat's own limit is reached)."""
    return [masked((await check(nik, WRONG_KK, sender=f"{prefix}{i}"))[1]) for i in range(5)]


async def test_five_wrong_kks_from_anyone_lock_the_nik_whether_or_not_it_is_in_the_data() -> None:
    store_application()
    known = await five_misses(NIK, "u_known")
    unknown = await five_misses(UNKNOWN_NIK, "u_unknown")
    assert known == unknown, "the lock must not reveal that a NIK is in the data"
    assert "Sisa kesempatan" in known[3]
    assert "dikunci sementara" in known[4] and "kantor kelurahan" in known[4]
    # Locked: even the right KK from yet another chat gets no status for the next hour.
    result, text = await check(NIK, KK, sender="u_owner")
    assert result[protocol.STATUS_KK_SLOT] is not None, "the check ends: asking for the KK again is no use"
    assert "dikunci sementara" in text and "Data ditemukan" not in text


async def test_when_the_hourly_budget_is_spent_residents_are_asked_to_try_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("STATUS_LOOKUPS_PER_HOUR", "2")
    get_settings.cache_clear()
    store_application()
    assert "Data ditemukan" in (await check(NIK, KK, sender="u_first"))[1]
    assert "Data ditemukan" in (await check(NIK, KK, sender="u_second"))[1]
    _, text = await check(NIK, KK, sender="u_third")
    assert "coba lagi nanti" in text and "Data ditemukan" not in text
    dispatcher = CollectingDispatcher()
    starting = tracker("cek status")
    starting.sender_id = "u_fourth"
    assert await ActionStartStatusCheck().run(dispatcher, starting, {}) == []
    assert "coba lagi nanti" in dispatcher.messages[0]["text"], "no numbers are asked for when none can be checked"
