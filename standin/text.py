"""Telegram's message-text rules: parse modes, entities and length limits.

Split from ``wire`` because text parsing is the largest and most intricate rule set the
stand-in mirrors, and it needs nothing but strings: keeping it alone lets the HTML/MarkdownV2
quirks be read (and tested) without the keyboard, command and HTTP rules around them. Error
texts match the real server's, because bots (and PTB) match on those descriptions.
"""

from __future__ import annotations

import re
from typing import Any

from standin.wire import WireError, bad_request

MAX_TEXT_UTF16 = 4096  # Telegram counts message length in UTF-16 code units.
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

_ATTRS = r"(?:\s+[a-zA-Z_-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*"
_TAG_RE = re.compile(rf"<(/?)([a-zA-Z][a-zA-Z0-9-]*)({_ATTRS})\s*>")
_ATTR_RE = re.compile(r"([a-zA-Z_-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def utf16_len(text: str) -> int:
    """Length as Telegram measures it (offsets and limits are in UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


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
