"""The Bot API side of the Telegram stand-in: one ``_api_<method>`` coroutine per supported method.

Each handler receives the already-typed parameters and returns the ``result`` the real server
would put in its JSON envelope, or raises the ``WireError`` Telegram would answer with. Kept out
of ``server`` so the HTTP plumbing there stays small and these handlers read as a
straight list of what each method does to the chat state.
"""

from __future__ import annotations

import asyncio
import math
import time
from typing import Any

from standin.state import DEFAULT_ALLOWED_UPDATES, BotMessage, Params, StandInState
from standin.text import render_text
from standin.wire import (
    CHAT_ACTIONS,
    MAX_DESCRIPTION,
    MAX_SHORT_DESCRIPTION,
    NOT_MODIFIED,
    WireError,
    bad_request,
    inline_markup,
    scope_key,
    validate_commands,
    validate_reply_markup,
)

MAX_POLL_TIMEOUT = 50.0  # Telegram caps long polling at 50 s
MAX_UPDATES_LIMIT = 100


class BotApiMethods(StandInState):
    """Mixin answering the bot's Bot API calls against the shared chat state."""

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
        self.webhook = {}
        return True

    async def _api_set_webhook(self, params: Params) -> bool:
        """Recorded only: the tests post updates to the bot's webhook themselves, as Telegram would."""
        url = str(params.get("url") or "")
        if not url.startswith("https://"):
            raise bad_request("bad webhook: an HTTPS URL must be provided for webhook")
        self.webhook = {"url": url, "secret_token": params.get("secret_token")}
        return True

    async def _api_get_webhook_info(self, params: Params) -> dict[str, Any]:
        url = self.webhook.get("url", "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

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
            sent_at=time.monotonic(),
        )
        self._bot_messages.setdefault(chat_id, {})[message.message_id] = message
        self._last_send[chat_id] = time.monotonic()
        self._notify()
        for listener in self.bot_message_listeners:
            listener(message)
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

    def _known_chat(self, params: Params) -> int:
        """Telegram only lets a bot write to chats a user opened first; others are "chat not found"."""
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int) or chat_id not in self._chats:
            raise bad_request("chat not found")
        return chat_id

    def _editable(self, params: Params, verb: str) -> BotMessage:
        """The live bot message an edit/delete targets; deleted ones count as missing, as in Telegram."""
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
        """Resolve reply_parameters (or the legacy field); a missing target fails unless the bot allowed it."""
        reply = params.get("reply_parameters") or {}
        target = _int(reply.get("message_id", params.get("reply_to_message_id")))
        if target is None or self._message_dict(chat_id, target) is not None:
            return target
        if reply.get("allow_sending_without_reply") or params.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")

    def _check_flood(self, chat_id: int) -> None:
        """Optional per-private-chat rate limit, so tests can exercise the bot's 429/retry_after handling."""
        limit, last = self.flood_limit_per_chat, self._last_send.get(chat_id)
        if limit is None or last is None or self._chats[chat_id]["type"] != "private":
            return
        wait = limit - (time.monotonic() - last)
        if wait > 0:
            retry = max(1, math.ceil(wait))
            raise WireError(f"Too Many Requests: retry after {retry}", 429, {"retry_after": retry})


def _int(value: Any) -> int | None:
    """An int parameter or None; bools are rejected because JSON true must not pass as message id 1."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(value: Any) -> float:
    """A lenient float: a junk getUpdates timeout means "do not long-poll", never a failed call."""
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
