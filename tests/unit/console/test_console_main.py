"""`python -m console`: production without its session key does not start."""

from __future__ import annotations

import pytest

from console.__main__ import main
from infobansos.settings import get_settings


def test_production_without_a_console_key_refuses_to_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("RASA_AUTH_TOKEN", "r" * 40)
    monkeypatch.delenv("CONSOLE_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    assert main() == 2
    assert "CONSOLE_SECRET_KEY is not set" in capsys.readouterr().err
