"""The webhook's secret-token check, in constant time.

python-telegram-bot compares the `X-Telegram-Bot-Api-Secret-Token` header with `!=`, which
returns sooner the earlier a guess goes wrong, and it logs a wrong token at DEBUG. We replace
its check with one that uses `hmac.compare_digest` and logs nothing about the token.
"""

from __future__ import annotations

import hmac
from http import HTTPStatus

import tornado.web
from telegram.ext._utils.webhookhandler import TelegramHandler

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
JSON = "application/json"


def validate_post(handler: TelegramHandler) -> None:
    """JSON only, and (when a secret is set) the right secret; 403 otherwise, as before."""
    if handler.request.headers.get("Content-Type", None) != JSON:
        raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
    if handler.secret_token is None:
        return
    token = handler.request.headers.get(SECRET_HEADER) or ""
    if not hmac.compare_digest(token.encode(), handler.secret_token.encode()):
        raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN, reason="Request had no or the wrong secret token")


def check_webhook_secret_in_constant_time() -> None:
    """Install `validate_post` as python-telegram-bot's webhook check (call before `run_webhook`)."""
    TelegramHandler._validate_post = validate_post  # type: ignore[method-assign]
