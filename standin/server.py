"""In-process stand-in for the Telegram Bot API server, for end-to-end tests and terminal chat.

The real python-telegram-bot ``Application`` is pointed at it with ``base_url=standin.base_url``
and cannot tell the difference: same routes, same parameter encodings, same JSON envelopes, same
long polling and the same error texts. Tests then play the resident (``send_text``,
``press_button``) and assert on what the bot did (``wait_for_bot_messages``, ``messages``,
``errors``). Webhooks are deliberately unsupported: the bot must use getUpdates here.

Not thread-safe: call the driver methods from the event loop the server runs on.

The work is split by purpose: this module is the HTTP server and the public entry point;
``api`` answers the Bot API methods, ``resident`` plays the resident,
``state`` holds the chat state both share, and ``wire``/``text``
hold Telegram's validation and text-parsing rules.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from standin.api import BotApiMethods
from standin.resident import ResidentDriver
from standin.state import BotMessage, Params
from standin.wire import WireError, bad_request, coerce_params, user_object

__all__ = ["BotMessage", "TelegramStandIn"]

DEFAULT_TOKEN = "123456789:STANDIN-not-a-real-telegram-token"
DEFAULT_HOST = "127.0.0.1"
SHUTDOWN_TIMEOUT = 2.0
METHODS = (
    "getMe", "getUpdates", "deleteWebhook", "setWebhook", "getWebhookInfo", "sendMessage", "editMessageText",
    "editMessageReplyMarkup", "deleteMessage", "answerCallbackQuery", "sendChatAction", "setMyCommands",
    "getMyCommands", "deleteMyCommands", "setMyDescription", "setMyShortDescription", "getMyDescription",
    "getMyShortDescription", "close", "logOut",
)  # fmt: skip
Handler = Callable[[Params], Awaitable[Any]]


class TelegramStandIn(BotApiMethods, ResidentDriver):
    """A fake Bot API server that keeps the state a real chat would show the resident."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = DEFAULT_HOST,
        port: int = 0,
        bot_username: str = "standin_bot",
        bot_first_name: str = "Stand-in Bot",
        flood_limit_per_chat: float | None = None,
    ) -> None:
        self.token, self.host, self.port = token, host, port
        bot_id = int(token.split(":")[0]) if token.split(":")[0].isdigit() else 1
        super().__init__({**user_object(bot_id, bot_first_name, bot_username), "is_bot": True}, flood_limit_per_chat)
        self._runner: web.AppRunner | None = None
        snake = {name: re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() for name in METHODS}
        self._handlers: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, getattr(self, f"_api_{snake[name]}")) for name in METHODS
        }

    # ----------------------------------------------------------------- lifecycle
    @property
    def base_url(self) -> str:
        """What PTB needs: it appends ``<token>/<method>`` to this."""
        if self._runner is None:
            raise RuntimeError("TelegramStandIn is not started")
        return f"http://{self.host}:{self.port}/bot"

    async def start(self) -> TelegramStandIn:
        """Listen on host:port (port 0 picks a free one, read it back afterwards)."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        """Release pending long polls first so shutdown does not wait for their timeouts."""
        if self._runner is None:
            return
        self._closing = True
        self._notify()
        await self._runner.cleanup()
        self._runner, self._closing = None, False

    async def __aenter__(self) -> TelegramStandIn:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # ----------------------------------------------------------------- HTTP layer
    async def _not_found(self, request: web.Request) -> web.Response:
        """Any path outside ``/bot<token>/<method>`` gets Telegram's 404 envelope, not aiohttp's page."""
        return self._error(request.path, {}, WireError("Not Found", 404))

    async def _handle(self, request: web.Request) -> web.Response:
        """Dispatch one Bot API call; method names are case-insensitive, as on the real server."""
        name, params = request.match_info["method"], {}
        if request.match_info["token"] != self.token:
            return self._error(name, params, WireError("Unauthorized", 401))
        entry = self._handlers.get(name.lower())
        name = entry[0] if entry else name
        try:
            params = coerce_params(await _read_params(request))
            self.calls.append((name, params))
            if entry is None:
                raise WireError("Not Found", 404)
            result = await entry[1](params)
        except WireError as exc:
            return self._error(name, params, exc)
        return web.json_response({"ok": True, "result": result})

    def _error(self, method: str, params: Params, exc: WireError) -> web.Response:
        """Answer with Telegram's error envelope and keep it in ``errors`` for tests to assert on."""
        payload: dict[str, Any] = {"ok": False, "error_code": exc.status, "description": exc.description}
        if exc.parameters:
            payload["parameters"] = exc.parameters
        self.errors.append({"method": method, "params": params, **payload})
        return web.json_response(payload, status=exc.status)

    # ----------------------------------------------------------------- introspection
    @property
    def pending_updates(self) -> int:
        """Updates queued but not yet confirmed by the bot's getUpdates offset."""
        return len(self._updates)

    @property
    def description(self) -> str:
        """The default-language bot description, the one a resident without a language sees."""
        return self.descriptions.get("", "")

    @property
    def short_description(self) -> str:
        """The default-language short description, the one a resident without a language sees."""
        return self.short_descriptions.get("", "")


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Merge query string and body (JSON, urlencoded or multipart) into one mapping."""
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError as exc:
            raise bad_request("can't parse JSON request body") from exc
        if not isinstance(body, dict):
            raise bad_request("JSON request body must be an object")
        params |= body
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, value in (await request.post()).items():
            if isinstance(value, bytes):
                value = value.decode()
            elif isinstance(value, web.FileField):
                value = f"<file {value.filename}>"
            params[key] = value
    return params
