"""Counting the check never costs the resident the conversation, and stores no answer."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from actions.eligibility_tracking import new_check_id, track_cancel, track_finish, track_question, track_start


@pytest.fixture
def fake_tracking(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Stream C's `infobansos.eligibility.tracking` API, recording what it is given."""
    calls: list[tuple[Any, ...]] = []
    module = types.ModuleType("infobansos.eligibility.tracking")
    module.start_check = lambda session, check_id, now: calls.append(("start", check_id))
    module.asked = lambda session, check_id, key: calls.append(("asked", check_id, key))
    module.finish_check = lambda session, check_id, likely, now: calls.append(("finish", check_id, likely))
    module.cancel_check = lambda session, check_id, now: calls.append(("cancel", check_id))
    monkeypatch.setitem(sys.modules, "infobansos.eligibility.tracking", module)
    monkeypatch.setattr(sys.modules["infobansos.eligibility"], "tracking", module, raising=False)
    return calls


async def test_each_step_is_counted_under_the_checks_id_only(fake_tracking: list) -> None:
    await track_start("c1")
    await track_question("c1", "dtsen")
    await track_finish("c1", ("klj", "bpnt"))
    await track_cancel("c2")
    finished = ("finish", "c1", ["klj", "bpnt"])
    assert fake_tracking == [("start", "c1"), ("asked", "c1", "dtsen"), finished, ("cancel", "c2")]


async def test_nothing_is_counted_without_a_check_id(fake_tracking: list) -> None:
    await track_question(None, "dtsen")
    assert fake_tracking == []


async def test_a_database_error_is_logged_and_swallowed(
    fake_tracking: list, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any) -> None:
        raise OperationalError("insert", {}, Exception("database is locked"))

    monkeypatch.setattr(sys.modules["infobansos.eligibility.tracking"], "start_check", broken)
    await track_start("c1")  # no exception: the resident still gets the first question
    assert "could not count the eligibility check" in caplog.text


def test_check_ids_are_random_and_say_nothing() -> None:
    ids = {new_check_id() for _ in range(100)}
    assert len(ids) == 100 and all(len(i) == 16 and not i.isdigit() for i in ids)
