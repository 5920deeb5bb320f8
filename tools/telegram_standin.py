"""In-process stand-in for the Telegram Bot API server, for end-to-end tests and terminal chat.

The real python-telegram-bot ``Application`` is pointed at it with ``base_url=standin.base_url``
and cannot tell the difference: same routes, same parameter encodings, same JSON envelopes, same
long polling and the same error texts. Tests then play the resident (``send_text``,
``press_button``) and assert on what the bot did (``wait_for_bot_messages``, ``messages``,
``errors``). Webhooks are deliberately unsupported: the bot must use getUpdates here.

Not thread-safe: call the driver methods from the event loop the server runs on.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import math
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from aiohttp import web

from .telegram_wire import (
    CHAT_ACTIONS,
    MAX_DESCRIPTION,
    MAX_SHORT_DESCRIPTION,
    NOT_MODIFIED,
    WireError,
    bad_request,
    coerce_params,
    inline_markup,
    media_payload,
    render_text,
    scope_key,
    user_object,
    utf16_len,
    validate_commands,
    validate_reply_markup,
)

DEFAULT_TOKEN = "123456789:STANDIN-not-a-real-telegram-token"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_GROUP_USER_ID = 700_000_001  # sender of group messages when the test names nobody
FIRST_UPDATE_ID = 500_000_000
FIRST_QUERY_ID = 4_200_000_000_000_000_000
MAX_POLL_TIMEOUT = 50.0  # Telegram caps long polling at 50 s
MAX_UPDATES_LIMIT = 100
SHUTDOWN_TIMEOUT = 2.0
# Update kinds Telegram delivers when allowed_updates was never set (or set to []).
DEFAULT_ALLOWED_UPDATES = frozenset({"message", "edited_message", "callback_query", "inline_query", "my_chat_member"})
METHODS = (
    "getMe", "getUpdates", "deleteWebhook", "setWebhook", "getWebhookInfo", "sendMessage", "editMessageText",
    "editMessageReplyMarkup", "deleteMessage", "answerCallbackQuery", "sendChatAction", "setMyCommands",
    "getMyCommands", "deleteMyCommands", "setMyDescription", "setMyShortDescription", "getMyDescription",
    "getMyShortDescription", "close", "logOut",
)  # fmt: skip
Params = dict[str, Any]
Handler = Callable[[Params], Awaitable[Any]]


@dataclass
class BotMessage:
    """One message the bot sent, as the resident sees it now: edits and deletions update it in place."""

    chat_id: int
    message_id: int
    text: str
    raw_text: str
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    date: int = 0
    edited: bool = False
    edit_date: int | None = None
    deleted: bool = False
    reply_to_message_id: int | None = None

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        """Inline keyboard as rows of (label, callback_data or url), for terse assertions."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [[(b["text"], b.get("callback_data", b.get("url", ""))) for b in row] for row in rows]


class TelegramStandIn:
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
        self.flood_limit_per_chat = flood_limit_per_chat
        bot_id = int(token.split(":")[0]) if token.split(":")[0].isdigit() else 1
        self.bot_user = {**user_object(bot_id, bot_first_name, bot_username), "is_bot": True}
        self.calls: list[tuple[str, Params]] = []
        self.errors: list[dict[str, Any]] = []
        self.answered_callbacks: list[Params] = []
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._bot_messages: dict[int, dict[int, BotMessage]] = {}
        self._user_messages: dict[int, dict[int, dict[str, Any]]] = {}
        self._last_message_id: dict[int, int] = {}
        self._read_cursor: dict[int, int] = {}
        self._actions: dict[int, list[str]] = {}
        self._last_send: dict[int, float] = {}
        self._updates: list[dict[str, Any]] = []
        self.last_update: dict[str, Any] = {}
        self._update_ids = itertools.count(FIRST_UPDATE_ID)
        self._query_ids = itertools.count(FIRST_QUERY_ID)
        self._open_queries: set[str] = set()
        self._allowed_updates = DEFAULT_ALLOWED_UPDATES
        self._changed = asyncio.Event()
        self._closing = False
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
        return self._error(request.path, {}, WireError("Not Found", 404))

    async def _handle(self, request: web.Request) -> web.Response:
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
        payload: dict[str, Any] = {"ok": False, "error_code": exc.status, "description": exc.description}
        if exc.parameters:
            payload["parameters"] = exc.parameters
        self.errors.append({"method": method, "params": params, **payload})
        return web.json_response(payload, status=exc.status)

    def _notify(self) -> None:
        """Wake every waiter (long polls, wait_for_bot_messages) so it re-checks its condition."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_change(self, deadline: float) -> bool:
        """Sleep until something changes or the deadline passes; False once time is up."""
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return False
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), remaining)
        return True

    # ----------------------------------------------------------------- Bot API methods
    async def _api_get_me(self, params: Params) -> dict[str, Any]:
        flags = ("can_read_all_group_messages", "supports_inline_queries", "can_connect_to_business")
        return {**self.bot_user, "can_join_groups": True, **dict.fromkeys(flags, False), "has_main_web_app": False}

    async def _api_get_updates(self, params: Params) -> list[dict[str, Any]]:
        offset = params.get("offset")
        if isinstance(offset, int) and offset < 0:
            self._updates = self._updates[offset:]
        elif isinstance(offset, int) and offset > 0:  # confirms (forgets) everything below offset
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if isinstance(params.get("allowed_updates"), list):
            self._allowed_updates = frozenset(params["allowed_updates"]) or DEFAULT_ALLOWED_UPDATES
        limit = min(max(_int(params.get("limit")) or MAX_UPDATES_LIMIT, 1), MAX_UPDATES_LIMIT)
        timeout = min(max(_number(params.get("timeout")), 0.0), MAX_POLL_TIMEOUT)
        deadline = asyncio.get_running_loop().time() + timeout
        while True:  # Telegram never generates updates of kinds the bot did not allow
            self._updates = [u for u in self._updates if set(u) & self._allowed_updates]
            if self._updates or self._closing or not await self._wait_change(deadline):
                return self._updates[:limit]

    async def _api_delete_webhook(self, params: Params) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _api_set_webhook(self, params: Params) -> bool:
        raise bad_request("the stand-in only supports getUpdates; webhooks are not implemented")

    async def _api_get_webhook_info(self, params: Params) -> dict[str, Any]:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    async def _api_send_message(self, params: Params) -> dict[str, Any]:
        chat_id = self._known_chat(params)
        text, entities = render_text(str(params.get("text", "")), params.get("parse_mode"), params.get("entities"))
        markup = validate_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat_id, params)
        self._check_flood(chat_id)
        message = BotMessage(
            chat_id=chat_id,
            message_id=self._next_message_id(chat_id),
            text=text,
            raw_text=str(params["text"]),
            parse_mode=params.get("parse_mode") or None,
            reply_markup=markup,
            entities=entities,
            date=int(time.time()),
            reply_to_message_id=reply_to,
        )
        self._bot_messages.setdefault(chat_id, {})[message.message_id] = message
        self._last_send[chat_id] = time.monotonic()
        self._notify()
        return self._message_object(message)

    async def _api_edit_message_text(self, params: Params) -> dict[str, Any]:
        message = self._editable(params, "edit")
        text, entities = render_text(str(params.get("text", "")), params.get("parse_mode"), params.get("entities"))
        markup = validate_reply_markup(params.get("reply_markup"), inline_only=True)
        unchanged = (message.text, message.entities, inline_markup(message.reply_markup))
        if (text, entities, inline_markup(markup)) == unchanged:
            raise bad_request(NOT_MODIFIED)
        message.text, message.raw_text, message.entities = text, str(params["text"]), entities
        message.parse_mode = params.get("parse_mode") or None
        return self._apply_edit(message, markup)

    async def _api_edit_message_reply_markup(self, params: Params) -> dict[str, Any]:
        message = self._editable(params, "edit")
        markup = validate_reply_markup(params.get("reply_markup"), inline_only=True)
        if inline_markup(markup) == inline_markup(message.reply_markup):
            raise bad_request(NOT_MODIFIED)
        return self._apply_edit(message, markup)

    async def _api_delete_message(self, params: Params) -> bool:
        chat_id = self._known_chat(params)
        user_message = self._user_messages.get(chat_id, {}).pop(_int(params.get("message_id")) or 0, None)
        if user_message is None:
            self._editable(params, "delete").deleted = True
        self._notify()
        return True

    async def _api_answer_callback_query(self, params: Params) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_queries:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        self._open_queries.discard(query_id)
        self.answered_callbacks.append({"text": None, "show_alert": False, **params})
        return True

    async def _api_send_chat_action(self, params: Params) -> bool:
        chat_id = self._known_chat(params)
        if params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self._actions.setdefault(chat_id, []).append(params["action"])
        return True

    async def _api_set_my_commands(self, params: Params) -> bool:
        commands = validate_commands(params.get("commands"))
        self.commands[(scope_key(params.get("scope")), params.get("language_code") or "")] = commands
        return True

    async def _api_get_my_commands(self, params: Params) -> list[dict[str, str]]:
        return self.commands.get((scope_key(params.get("scope")), params.get("language_code") or ""), [])

    async def _api_delete_my_commands(self, params: Params) -> bool:
        self.commands.pop((scope_key(params.get("scope")), params.get("language_code") or ""), None)
        return True

    async def _api_set_my_description(self, params: Params) -> bool:
        return _store_text(self.descriptions, params, "description", MAX_DESCRIPTION)

    async def _api_set_my_short_description(self, params: Params) -> bool:
        return _store_text(self.short_descriptions, params, "short_description", MAX_SHORT_DESCRIPTION)

    async def _api_get_my_description(self, params: Params) -> dict[str, str]:
        return {"description": self.descriptions.get(params.get("language_code") or "", "")}

    async def _api_get_my_short_description(self, params: Params) -> dict[str, str]:
        return {"short_description": self.short_descriptions.get(params.get("language_code") or "", "")}

    async def _api_close(self, params: Params) -> bool:
        return True

    async def _api_log_out(self, params: Params) -> bool:
        return True

    # ----------------------------------------------------------------- state helpers
    def _known_chat(self, params: Params) -> int:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int) or chat_id not in self._chats:
            raise bad_request("chat not found")
        return chat_id

    def _editable(self, params: Params, verb: str) -> BotMessage:
        chat_id = self._known_chat(params)
        message = self._bot_messages.get(chat_id, {}).get(_int(params.get("message_id")) or 0)
        if message is None or message.deleted:
            raise bad_request(f"message to {verb} not found")
        return message

    def _apply_edit(self, message: BotMessage, markup: dict[str, Any] | None) -> dict[str, Any]:
        """Telegram drops the inline keyboard when an edit does not resend it."""
        message.reply_markup, message.edited, message.edit_date = markup, True, int(time.time())
        self._notify()
        return self._message_object(message)

    def _reply_target(self, chat_id: int, params: Params) -> int | None:
        reply = params.get("reply_parameters") or {}
        target = _int(reply.get("message_id", params.get("reply_to_message_id")))
        if target is None or self._message_dict(chat_id, target) is not None:
            return target
        if reply.get("allow_sending_without_reply") or params.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")

    def _check_flood(self, chat_id: int) -> None:
        limit, last = self.flood_limit_per_chat, self._last_send.get(chat_id)
        if limit is None or last is None or self._chats[chat_id]["type"] != "private":
            return
        wait = limit - (time.monotonic() - last)
        if wait > 0:
            retry = max(1, math.ceil(wait))
            raise WireError(f"Too Many Requests: retry after {retry}", 429, {"retry_after": retry})

    def _next_message_id(self, chat_id: int) -> int:
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def _message_object(self, message: BotMessage) -> dict[str, Any]:
        """The Message JSON Telegram returns for a bot message (only inline markup is echoed)."""
        obj: dict[str, Any] = {
            "message_id": message.message_id,
            "from": self.bot_user,
            "chat": self._chats[message.chat_id],
            "date": message.date,
            "text": message.text,
        }
        optional = {
            "entities": message.entities,
            "reply_markup": inline_markup(message.reply_markup),
            "edit_date": message.edit_date,
            "reply_to_message": self._message_dict(message.chat_id, message.reply_to_message_id),
        }
        return obj | {key: value for key, value in optional.items() if value}

    def _message_dict(self, chat_id: int, message_id: int | None) -> dict[str, Any] | None:
        """Any live message in the chat (user or bot), without its own reply_to_message."""
        found = self._bot_messages.get(chat_id, {}).get(message_id or 0)
        if found is not None and not found.deleted:
            return {k: v for k, v in self._message_object(found).items() if k != "reply_to_message"}
        user_message = self._user_messages.get(chat_id, {}).get(message_id or 0)
        return {k: v for k, v in user_message.items() if k != "reply_to_message"} if user_message else None

    # ----------------------------------------------------------------- test driver: the resident's side
    def add_chat(
        self, chat_id: int, chat_type: str = "private", *, first_name: str = "Warga", title: str | None = None
    ) -> dict[str, Any]:
        """Make a chat known (as if the resident had opened it); returns the Chat object."""
        if chat_id not in self._chats:
            chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
            chat |= {"first_name": first_name} if chat_type == "private" else {"title": title or f"Grup {chat_id}"}
            self._chats[chat_id] = chat
        return self._chats[chat_id]

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Warga",
        reply_to_bot: bool = False,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Queue a text message from a resident; returns the queued Update."""
        message = self._user_message(chat_id, user_id, chat_type, first_name, reply_to_bot)
        message["text"] = text
        if entities:
            message["entities"] = entities
        return self._queue("message", message)

    def send_command(self, chat_id: int, command: str, **kwargs: Any) -> dict[str, Any]:
        """Queue ``/command [args]`` with the bot_command entity Telegram attaches."""
        text = command if command.startswith("/") else f"/{command}"
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(text.split()[0])}
        return self.send_text(chat_id, text, entities=[entity], **kwargs)

    def send_non_text(
        self,
        chat_id: int,
        kind: str,
        *,
        caption: str | None = None,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Warga",
    ) -> dict[str, Any]:
        """Queue a photo/sticker/voice/location/contact/document/video/audio message."""
        message = self._user_message(chat_id, user_id, chat_type, first_name, reply_to_bot=False)
        message |= media_payload(kind, message["message_id"])
        if caption:
            message["caption"] = caption
        return self._queue("message", message)

    def send_photo(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "photo", **kwargs)

    def send_sticker(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "sticker", **kwargs)

    def send_voice(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "voice", **kwargs)

    def send_location(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "location", **kwargs)

    def send_contact(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "contact", **kwargs)

    def send_document(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        return self.send_non_text(chat_id, "document", **kwargs)

    def press_button(self, chat_id: int, message_id: int, callback_data: str, user_id: int | None = None) -> str:
        """Queue a callback_query for a button that is on screen now; returns the query id."""
        message = self._bot_messages.get(chat_id, {}).get(message_id)
        if message is None or message.deleted:
            raise ValueError(f"chat {chat_id} shows no bot message {message_id} (never sent or deleted)")
        if callback_data not in {data for row in message.buttons for _, data in row}:
            raise ValueError(
                f"message {message_id} in chat {chat_id} shows no button with callback_data {callback_data!r}; "
                f"buttons now: {message.buttons}"
            )
        sender = self._sender(chat_id, user_id, "Warga")
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        query = {
            "id": query_id,
            "from": sender,
            "message": self._message_object(message),
            "chat_instance": str(-(abs(chat_id) * 1000 + 7)),
            "data": callback_data,
        }
        self._queue("callback_query", query)
        return query_id

    async def wait_for_bot_messages(self, chat_id: int, count: int = 1, timeout: float = 30.0) -> list[BotMessage]:
        """Wait for ``count`` messages the bot sent to this chat since the previous call; returns all new ones."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            fresh = self.messages(chat_id)[self._read_cursor.get(chat_id, 0) :]
            if len(fresh) >= count:
                self._read_cursor[chat_id] = self._read_cursor.get(chat_id, 0) + len(fresh)
                return fresh
            if not await self._wait_change(deadline):
                raise TimeoutError(
                    f"waited {timeout}s for {count} new bot message(s) in chat {chat_id}, got {len(fresh)}: "
                    f"{[m.text for m in fresh]!r}; pending updates: {len(self._updates)}; "
                    f"last API errors: {[(e['method'], e['description']) for e in self.errors[-3:]]}"
                )

    # ----------------------------------------------------------------- introspection
    def messages(self, chat_id: int) -> list[BotMessage]:
        """Every message the bot sent to the chat, in order, in its current (edited/deleted) state."""
        return list(self._bot_messages.get(chat_id, {}).values())

    def chat_actions(self, chat_id: int) -> list[str]:
        """Chat actions (typing...) the bot sent to the chat, in order."""
        return list(self._actions.get(chat_id, []))

    def new_messages(self, chat_id: int) -> list[BotMessage]:
        """Messages sent to the chat since the last read, without waiting (moves the read cursor)."""
        fresh = self.messages(chat_id)[self._read_cursor.get(chat_id, 0) :]
        self._read_cursor[chat_id] = self._read_cursor.get(chat_id, 0) + len(fresh)
        return fresh

    @property
    def pending_updates(self) -> int:
        """Updates queued but not yet confirmed by the bot's getUpdates offset."""
        return len(self._updates)

    @property
    def description(self) -> str:
        return self.descriptions.get("", "")

    @property
    def short_description(self) -> str:
        return self.short_descriptions.get("", "")

    # ----------------------------------------------------------------- driver helpers
    def _sender(self, chat_id: int, user_id: int | None, first_name: str) -> dict[str, Any]:
        private = self._chats[chat_id]["type"] == "private"
        uid = user_id if user_id is not None else chat_id if private else DEFAULT_GROUP_USER_ID
        return self._users.setdefault(uid, user_object(uid, first_name))

    def _user_message(
        self, chat_id: int, user_id: int | None, chat_type: str, first_name: str, reply_to_bot: bool
    ) -> dict[str, Any]:
        chat = self.add_chat(chat_id, chat_type, first_name=first_name)
        message_id = self._next_message_id(chat_id)
        message = {
            "message_id": message_id,
            "from": self._sender(chat_id, user_id, first_name),
            "chat": chat,
            "date": int(time.time()),
        }
        if reply_to_bot:
            live = [m for m in self.messages(chat_id) if not m.deleted]
            if not live:
                raise ValueError(f"chat {chat_id} has no bot message to reply to")
            message["reply_to_message"] = self._message_dict(chat_id, live[-1].message_id)
        self._user_messages.setdefault(chat_id, {})[message_id] = message
        return message

    def _queue(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), kind: payload}
        self._updates.append(update)
        self.last_update = update
        self._notify()
        return update


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


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _store_text(store: dict[str, str], params: Params, key: str, limit: int) -> bool:
    """setMyDescription / setMyShortDescription: empty text removes the language's entry."""
    text, language = str(params.get(key) or ""), params.get("language_code") or ""
    if len(text) > limit:
        raise bad_request(f"{key} is too long")
    if text:
        store[language] = text
    else:
        store.pop(language, None)
    return True
