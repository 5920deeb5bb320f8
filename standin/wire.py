"""Telegram Bot API wire rules used by the in-process stand-in server: errors, types, objects.

Kept apart from the HTTP plumbing in ``server`` so the rules Telegram enforces
(parameter typing, keyboard and command validation, the shape of the objects it returns) stay
readable and can be reasoned about without any networking. Message-text parsing lives in
``text``. Every error text mirrors what the real server says, because bots (and PTB)
match on those descriptions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

MAX_CALLBACK_DATA_BYTES = 64
MAX_COMMANDS = 100
MAX_COMMAND_DESCRIPTION = 256
MAX_DESCRIPTION = 512
MAX_SHORT_DESCRIPTION = 120
CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
    "choose_sticker", "find_location", "record_video_note", "upload_video_note",
})  # fmt: skip
# Form fields whose values PTB JSON-encodes (objects/arrays); every other field stays a string.
JSON_FIELDS = frozenset({
    "reply_markup", "allowed_updates", "commands", "scope", "entities", "caption_entities", "link_preview_options",
    "reply_parameters",
})  # fmt: skip
INT_FIELDS = frozenset({
    "chat_id", "message_id", "offset", "limit", "timeout", "cache_time", "reply_to_message_id", "message_thread_id",
    "user_id",
})  # fmt: skip
BOOL_FIELDS = frozenset({
    "show_alert", "drop_pending_updates", "disable_notification", "protect_content", "disable_web_page_preview",
    "allow_sending_without_reply",
})  # fmt: skip
BUTTON_ACTIONS = (
    "callback_data", "url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "web_app", "login_url", "callback_game", "pay", "copy_text",
)  # fmt: skip
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)

_INT_RE = re.compile(r"-?\d+")
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_URL_RE = re.compile(r"(?:(?:https?|tg|ton)://\S+|[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?)")


class WireError(Exception):
    """A Telegram-shaped failure: the handler turns it into ``{"ok": false, ...}``."""

    def __init__(self, description: str, status: int = 400, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.description = description
        self.status = status
        self.parameters = parameters


def bad_request(reason: str) -> WireError:
    """Build a 400 with Telegram's ``Bad Request:`` prefix, which PTB strips off again."""
    return WireError(f"Bad Request: {reason}")


def coerce_params(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Turn form/query strings back into typed values, like the Bot API server does."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str):
            if key in JSON_FIELDS:
                try:
                    value = json.loads(value)
                except ValueError as exc:
                    raise bad_request(f"can't parse {key} JSON object") from exc
            elif key in INT_FIELDS and _INT_RE.fullmatch(value.strip()):
                value = int(value)
            elif key in BOOL_FIELDS:
                value = value.strip().lower() in ("true", "1")
        params[key] = value
    return params


def validate_reply_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Check a keyboard the way Telegram does, so broken buttons fail at send time."""
    if markup is None:
        return None
    if not isinstance(markup, dict) or (inline_only and "inline_keyboard" not in markup):
        raise bad_request("can't parse inline keyboard markup JSON object")
    rows = markup.get("inline_keyboard", markup.get("keyboard"))
    if rows is None:
        if markup.get("remove_keyboard") or markup.get("force_reply"):
            return markup
        raise bad_request("can't parse reply keyboard markup JSON object")
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse reply keyboard markup JSON object: rows must be arrays")
    for button in (button for row in rows for button in row):
        if "keyboard" in markup and isinstance(button, str):
            continue
        if not isinstance(button, dict) or not isinstance(button.get("text"), str):
            raise bad_request('can\'t parse keyboard button: Field "text" must be of type String')
        if "inline_keyboard" in markup:
            _validate_inline_button(button)
    return markup


def _validate_inline_button(button: dict[str, Any]) -> None:
    actions = [name for name in BUTTON_ACTIONS if name in button]
    if not actions:
        raise bad_request("text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(f"can't parse inline keyboard button: more than one action {actions}")
    data = button.get("callback_data")
    if "callback_data" in button and not (isinstance(data, str) and 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES):
        raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not _URL_RE.fullmatch(str(button["url"])):
        raise bad_request("BUTTON_URL_INVALID")


def inline_markup(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """The part of a markup Telegram echoes back in Message objects (non-empty inline only)."""
    if markup and markup.get("inline_keyboard"):
        return {"inline_keyboard": markup["inline_keyboard"]}
    return None


def validate_commands(commands: Any) -> list[dict[str, str]]:
    """setMyCommands rules: lowercase 1-32 char names, 1-256 char descriptions, max 100."""
    if not isinstance(commands, list) or len(commands) > MAX_COMMANDS:
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND_RE.fullmatch(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = str(command.get("description", "")).strip()
        if not 1 <= len(description) <= MAX_COMMAND_DESCRIPTION:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return [{"command": c["command"], "description": c["description"]} for c in commands]


def scope_key(scope: Any) -> str:
    """Stable key for a BotCommandScope: ``default``, ``chat:42``, ``chat_member:42:7``..."""
    if not scope:
        return "default"
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    extras = [str(scope[name]) for name in ("chat_id", "user_id") if name in scope]
    return ":".join([scope["type"], *extras])


def user_object(user_id: int, first_name: str, username: str | None = None) -> dict[str, Any]:
    """A Telegram User as it appears in ``from`` fields."""
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    return user


def media_payload(kind: str, serial: int) -> dict[str, Any]:
    """Realistic non-text message fields (photo sizes, sticker, voice...) for one kind."""
    file = {"file_id": f"{kind.upper()}-{serial:06d}-standin", "file_unique_id": f"u{kind}{serial}"}
    if kind == "photo":
        return {
            "photo": [
                {
                    "file_id": f"{file['file_id']}-{width}",
                    "file_unique_id": f"{file['file_unique_id']}w{width}",
                    "width": width,
                    "height": width * 3 // 4,
                    "file_size": width * width // 8,
                }
                for width in (90, 320, 1280)
            ]
        }
    shapes: dict[str, dict[str, Any]] = {
        "sticker": {**file, "type": "regular", "width": 512, "height": 512, "emoji": "👍", "is_animated": False},
        "voice": {**file, "duration": 3, "mime_type": "audio/ogg", "file_size": 12_288},
        "document": {**file, "file_name": "dokumen.pdf", "mime_type": "application/pdf", "file_size": 49_152},
        "video": {**file, "width": 640, "height": 360, "duration": 5, "mime_type": "video/mp4"},
        "audio": {**file, "duration": 180, "mime_type": "audio/mpeg", "title": "Lagu"},
        "location": {"latitude": -6.175392, "longitude": 106.827153},
        "contact": {"phone_number": "+6281234567890", "first_name": "Kontak"},
    }
    if kind not in shapes:
        raise ValueError(f"unknown message kind {kind!r}; use photo or one of {sorted(shapes)}")
    shapes["sticker"] |= {"is_video": False, "file_size": 24_576}
    return {kind: shapes[kind]}
