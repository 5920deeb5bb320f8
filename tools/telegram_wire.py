"""Telegram Bot API wire rules used by the in-process stand-in server.

Kept apart from the HTTP plumbing in ``telegram_standin`` so the rules Telegram enforces
(text limits, HTML/MarkdownV2 parsing, keyboard and command validation) stay readable and can
be reasoned about without any networking. Every error text mirrors what the real server says,
because bots (and PTB) match on those descriptions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

MAX_TEXT_UTF16 = 4096  # Telegram counts message length in UTF-16 code units.
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
HTML_TAGS = {
    **dict.fromkeys(("b", "strong"), "bold"),
    **dict.fromkeys(("i", "em"), "italic"),
    **dict.fromkeys(("u", "ins"), "underline"),
    **dict.fromkeys(("s", "strike", "del"), "strikethrough"),
    **dict.fromkeys(("span", "tg-spoiler"), "spoiler"),
    **{"a": "text_link", "code": "code", "pre": "pre", "blockquote": "blockquote"},
}
MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
# Openers in the order they must be tried (longest first); the value is the entity type.
MDV2_OPENERS = {"```": "pre", "__": "underline", "||": "spoiler", "*": "bold", "_": "italic", "~": "strikethrough"}
MDV2_OPENERS |= {"[": "text_link", "`": "code"}
MDV2_CLOSERS = {kind: token for token, kind in MDV2_OPENERS.items()} | {"text_link": "]"}
MARKDOWN_TOKENS = {"```": "pre", "*": "bold", "_": "italic", "`": "code", "[": "text_link"}
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
_ATTRS = r"(?:\s+[a-zA-Z_-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*"
_TAG_RE = re.compile(rf"<(/?)([a-zA-Z][a-zA-Z0-9-]*)({_ATTRS})\s*>")
_ATTR_RE = re.compile(r"([a-zA-Z_-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


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


def utf16_len(text: str) -> int:
    """Length as Telegram measures it (offsets and limits are in UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


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


class _Out:
    """Visible text plus entities, with offsets tracked in UTF-16 code units."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[dict[str, Any]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += utf16_len(text)

    def entity(self, kind: str, start: int, **extra: str) -> None:
        if self.pos > start:
            self.entities.append({"type": kind, "offset": start, "length": self.pos - start, **extra})

    def result(self) -> tuple[str, list[dict[str, Any]]]:
        ordered = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), ordered


def _entities_error(reason: str) -> WireError:
    return bad_request(f"can't parse entities: {reason}")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode())


def _decode_entity(match: re.Match[str]) -> str:
    named, decimal, hexadecimal = match.groups()
    if named:
        return _NAMED_ENTITIES[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"


def parse_html(raw: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram's HTML subset strictly, so bots that forget to escape fail loudly."""
    out = _Out()
    stack: list[tuple[str, int, dict[str, str]]] = []
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "&":
            entity = _ENTITY_RE.match(raw, i)
            if entity is None:
                where = _byte_offset(raw, i)
                raise _entities_error(f"unescaped '&' at byte offset {where}, use &amp;")
            out.add(_decode_entity(entity))
            i = entity.end()
            continue
        if char != "<":
            out.add(char)
            i += 1
            continue
        where = _byte_offset(raw, i)
        tag = _TAG_RE.match(raw, i)
        name = re.split(r"[\s>]", raw[i + 1 :].lstrip("/"), maxsplit=1)[0].lower()
        if tag is None or name not in HTML_TAGS:
            side = "end" if raw.startswith("</", i) else "start"
            raise _entities_error(f'Unsupported {side} tag "{name}" at byte offset {where}')
        if tag[1]:
            if not stack:
                raise _entities_error(f"Unexpected end tag at byte offset {where}")
            opened, start, attrs = stack.pop()
            if opened != name:
                raise _entities_error(
                    f'Unmatched end tag at byte offset {where}, expected "</{opened}>", found "</{name}>"'
                )
            _close_html_tag(out, stack, opened, start, attrs)
        else:
            attrs = {
                m[1].lower(): _ENTITY_RE.sub(_decode_entity, m[2] or m[3] or m[4] or "")
                for m in _ATTR_RE.finditer(tag[3])
            }
            if name == "span" and attrs.get("class") != "tg-spoiler":
                raise _entities_error('Tag "span" must have class "tg-spoiler"')
            stack.append((name, out.pos, attrs))
        i = tag.end()
    if stack:
        raise _entities_error(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


def _close_html_tag(
    out: _Out,
    stack: list[tuple[str, int, dict[str, str]]],
    name: str,
    start: int,
    attrs: dict[str, str],
) -> None:
    """Emit the entity for a closed tag; ``<pre><code class=language-x>`` becomes one pre."""
    kind = HTML_TAGS[name]
    language = attrs.get("class", "").removeprefix("language-")
    if kind == "code" and stack and stack[-1][0] == "pre" and attrs.get("class", "") != language:
        stack[-1][2]["language"] = language
    elif kind == "text_link":
        if attrs.get("href"):
            out.entity(kind, start, url=attrs["href"])
    elif kind == "pre" and attrs.get("language"):
        out.entity(kind, start, language=attrs["language"])
    else:
        expandable = kind == "blockquote" and "expandable" in attrs
        out.entity("expandable_blockquote" if expandable else kind, start)


def parse_markdown_v2(raw: str) -> tuple[str, list[dict[str, Any]]]:
    """Approximate tdlib's MarkdownV2 parser: reserved characters must be escaped."""
    out = _Out()
    stack: list[tuple[str, int, int, str]] = []  # kind, utf16 start, byte offset, language
    i = 0
    while i < len(raw):
        char, kind = raw[i], stack[-1][0] if stack else ""
        if char == "\\" and i + 1 < len(raw) and 0 < ord(raw[i + 1]) < 127:
            out.add(raw[i + 1])
            i += 2
        elif (kind in ("code", "pre") and not raw.startswith(MDV2_CLOSERS[kind], i)) or char not in MDV2_RESERVED:
            out.add(char)
            i += 1
        elif char == ">" and (i == 0 or raw[i - 1] == "\n"):
            i += 1  # blockquote marker at line start: accepted, no entity recorded
        elif kind and raw.startswith(MDV2_CLOSERS[kind], i) and not (kind == "italic" and raw.startswith("__", i)):
            _, start, where, language = stack.pop()
            i += len(MDV2_CLOSERS[kind])
            if kind == "text_link":
                i = _close_markdown_link(raw, i, out, start)
            else:
                out.entity(kind, start, **({"language": language} if language else {}))
        else:
            token = next((t for t in MDV2_OPENERS if raw.startswith(t, i)), None)
            if token is None:
                raise _entities_error(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")
            where, i, language = _byte_offset(raw, i), i + len(token), ""
            if token == "```":
                end = i
                while end < len(raw) and not raw[end].isspace() and raw[end] != "`":
                    end += 1
                if end > i and end < len(raw) and raw[end] != "`":
                    language, i = raw[i:end], end
                i += 1 if raw.startswith("\n", i) else 0
            stack.append((MDV2_OPENERS[token], out.pos, where, language))
    if stack:
        kind, _, where, _ = stack[-1]
        raise _entities_error(f"Can't find end of {kind} entity at byte offset {where}")
    return out.result()


def _close_markdown_link(raw: str, i: int, out: _Out, start: int) -> int:
    """Consume ``(url)`` after ``[text]``; backslash escapes ``)`` inside the URL."""
    if not raw.startswith("(", i):
        return i
    url: list[str] = []
    j = i + 1
    while j < len(raw) and raw[j] != ")":
        escaped = raw[j] == "\\" and j + 1 < len(raw)
        url.append(raw[j + 1] if escaped else raw[j])
        j += 2 if escaped else 1
    if j >= len(raw):
        raise _entities_error(f"Can't find end of a URL at byte offset {_byte_offset(raw, i)}")
    out.entity("text_link", start, url="".join(url))
    return j + 1


def parse_markdown(raw: str) -> tuple[str, list[dict[str, Any]]]:
    """Legacy Markdown: no nesting, only ``*_`[`` are special and must be closed."""
    out = _Out()
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\" and raw[i + 1 : i + 2] in ("_", "*", "`", "["):
            out.add(raw[i + 1])
            i += 2
            continue
        if char not in MARKDOWN_TOKENS:
            out.add(char)
            i += 1
            continue
        token = "```" if raw.startswith("```", i) else char
        closer = "]" if token == "[" else token
        end = raw.find(closer, i + len(token))
        if end < 0:
            where = _byte_offset(raw, i)
            raise _entities_error(f"Can't find end of the entity starting at byte offset {where}")
        start = out.pos
        out.add(raw[i + len(token) : end])
        i = end + len(closer)
        if token == "[":
            i = _close_markdown_link(raw, i, out, start)
        else:
            out.entity(MARKDOWN_TOKENS[token], start)
    return out.result()


def render_text(
    raw: str, parse_mode: str | None, entities: list[dict[str, Any]] | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """Return (text as the user sees it, entities) or raise the error Telegram would."""
    mode = (parse_mode or "").lower()
    if entities is not None and not all(
        isinstance(e, dict) and isinstance(e.get("offset"), int) and isinstance(e.get("length"), int) for e in entities
    ):
        raise bad_request("can't parse entities JSON object")
    if entities is not None or not mode:
        text, found = raw, list(entities or [])
    elif mode == "html":
        text, found = parse_html(raw)
    elif mode == "markdownv2":
        text, found = parse_markdown_v2(raw)
    elif mode == "markdown":
        text, found = parse_markdown(raw)
    else:
        raise bad_request(f'unsupported parse_mode "{parse_mode}"')
    stripped = text.strip()  # Telegram trims leading/trailing whitespace before counting.
    if not stripped:
        raise bad_request("message text is empty")
    limit = utf16_len(stripped)
    if limit > MAX_TEXT_UTF16:
        raise bad_request("message is too long")
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    clipped = []
    for entity in found:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            clipped.append({**entity, "offset": start, "length": end - start})
    return stripped, clipped


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
