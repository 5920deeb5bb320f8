"""`make staff-add`: the first admin is made at the terminal, with a password shown once."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from console.accounts import StaffAccount, log_in
from console.audit import AuditEntry
from infobansos.settings import get_settings
from infobansos.storage.engine import session_factory
from staff.add_account import main


def test_without_a_terminal_a_password_is_generated_and_shown_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["Kepala.Seksi", "admin"]) == 0
    password = re.search(r"Password \(shown once.*\): (\S+)", capsys.readouterr().out).group(1)
    with session_factory(get_settings().database_url)() as session:
        assert log_in(session, "kepala.seksi", password).user.role == "admin"
        assert session.scalar(select(AuditEntry.actor)) == "make staff-add"
        assert password not in session.scalar(select(StaffAccount.password_hash))


def test_typed_passwords_must_match(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    typed = iter(["rahasia-sekali", "rahasia-lain"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(typed))
    assert main(["sari", "editor"]) == 1
    assert "differ" in capsys.readouterr().err


def test_a_taken_name_is_refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["sari", "editor"]) == 0
    assert main(["sari", "analis"]) == 1
    assert "taken" in capsys.readouterr().err
