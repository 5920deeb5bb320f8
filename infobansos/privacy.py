"""Privacy helpers shared by the bot and the actions (UU 27/2022 PDP).

Telegram ids become keyed hashes before they leave the bot, and NIK/KK-like digit runs are
replaced before any text reaches Rasa, its tracker store or a log.
"""

from __future__ import annotations

import hashlib
import hmac
import re

PSEUDONYM_PREFIX = "u_"
PSEUDONYM_HEX_CHARS = 32
REDACTED_NUMBER = "[nomor disamarkan]"

# 16 digits, optionally grouped with spaces, dots or dashes, as residents type them
# ("3175 0912 3456 0012", "3175.0912.3456.0012"). Longer digit runs are redacted too: they are
# never useful to the bot and may be a NIK with a typo.
_ID_NUMBER = re.compile(r"(?<!\d)\d(?:[ .\-]?\d){15,}(?!\d)")


def pseudonym(key: bytes, telegram_id: int | str) -> str:
    """A stable, non-reversible id for a Telegram chat or user (HMAC-SHA256, truncated)."""
    digest = hmac.new(key, str(telegram_id).encode(), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:PSEUDONYM_HEX_CHARS]


def redact_id_numbers(text: str) -> str:
    """Replace NIK/KK-like digit runs so they never leave the bot in clear."""
    return _ID_NUMBER.sub(REDACTED_NUMBER, text)


def contains_id_number(text: str) -> bool:
    return _ID_NUMBER.search(text) is not None
