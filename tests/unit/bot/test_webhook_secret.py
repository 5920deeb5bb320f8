"""Webhook mode: the secret-token header is checked in constant time, and a wrong one is refused."""

from __future__ import annotations

import hmac
from types import SimpleNamespace

import pytest
import tornado.web
from telegram.ext._utils.webhookhandler import TelegramHandler

from bot import webhook_secret
from bot.webhook_secret import SECRET_HEADER, check_webhook_secret_in_constant_time

SECRET = "s" * 40


def request(headers: dict[str, str], secret: str | None = SECRET) -> SimpleNamespace:
    return SimpleNamespace(request=SimpleNamespace(headers=headers), secret_token=secret)


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, bytes]]:
    """Install the check (undone afterwards) and record every constant-time comparison."""
    monkeypatch.setattr(TelegramHandler, "_validate_post", TelegramHandler._validate_post)
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(webhook_secret.hmac, "compare_digest", spy)
    check_webhook_secret_in_constant_time()
    return compared


@pytest.mark.parametrize("sent", [None, "", "salah", SECRET[:-1], SECRET + "x"])
def test_a_missing_or_wrong_secret_gets_403(installed: list[tuple[bytes, bytes]], sent: str | None) -> None:
    headers = {"Content-Type": "application/json"} | ({SECRET_HEADER: sent} if sent is not None else {})
    with pytest.raises(tornado.web.HTTPError) as refused:
        TelegramHandler._validate_post(request(headers))  # type: ignore[arg-type]
    assert refused.value.status_code == 403


def test_the_right_secret_is_accepted_after_a_constant_time_comparison(installed: list[tuple[bytes, bytes]]) -> None:
    TelegramHandler._validate_post(request({"Content-Type": "application/json", SECRET_HEADER: SECRET}))  # type: ignore[arg-type]
    assert installed == [(SECRET.encode(), SECRET.encode())]


def test_only_json_is_accepted(installed: list[tuple[bytes, bytes]]) -> None:
    with pytest.raises(tornado.web.HTTPError):
        TelegramHandler._validate_post(request({"Content-Type": "text/plain", SECRET_HEADER: SECRET}))  # type: ignore[arg-type]
