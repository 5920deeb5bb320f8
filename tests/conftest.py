"""Shared fixtures: isolate settings from the developer's `.env` and var/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from infobansos.settings import PROJECT_ROOT, get_settings

TEST_KEY = "k" * 40


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own var/ and database and a known pseudonym key."""
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def content_dir() -> Path:
    return PROJECT_ROOT / "content"
