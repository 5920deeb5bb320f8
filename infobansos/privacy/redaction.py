"""Privacy helpers shared by the bot and the actions (UU 27/2022 PDP).

Telegram ids become keyed hashes before they leave the bot, and NIK/KK-like digit runs are
replaced before any text reaches Rasa, its tracker store or a log; the question log keeps
only placeholders.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from infobansos.privacy.number_shapes import find_runs, prepare

PSEUDONYM_PREFIX = "u_"
PSEUDONYM_HEX_CHARS = 32
NIK_PLACEHOLDER = "[NIK]"
# What the question log keeps of an answer given inside the eligibility self-check (issue 16).
CHECK_ANSWER_PLACEHOLDER = "[jawaban cek kelayakan]"
PHONE_PLACEHOLDER = "[TELEPON]"
EMAIL_PLACEHOLDER = "[EMAIL]"

# Bounded parts (RFC 5321's 64-character local part, 63-character labels) keep the search linear:
# an unbounded `[\w.+-]+` rescans the rest of a long message from every position.
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
# Indonesian mobile numbers: 08…, 628… or +62 8…, 10 to 14 digits in all.
_PHONE_DIGITS = re.compile(r"(?:0|62)8\d{7,11}")


def pseudonym(key: bytes, telegram_id: int | str) -> str:
    """A stable, non-reversible id for a Telegram chat or user (HMAC-SHA256, truncated)."""
    digest = hmac.new(key, str(telegram_id).encode(), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:PSEUDONYM_HEX_CHARS]


def redact_emails(text: str) -> str:
    """E-mail addresses are of no use to the bot; they never reach Rasa or a log."""
    return _EMAIL.sub(EMAIL_PLACEHOLDER, prepare(text))


def redact_personal_data(text: str) -> str:
    """The text with e-mail addresses and every identity-like number replaced by a placeholder.

    Phone numbers become [TELEPON]; any other long number may be a NIK or KK, typo or not, and
    becomes [NIK], as does a 5+ digit number ending the message (it may be half a NIK). Dates and
    rupiah amounts are shorter and stay readable for the analysts.
    """
    text = redact_emails(text)
    pieces: list[str] = []
    position = 0
    for run in find_runs(text):
        pieces += [
            text[position : run.start],
            PHONE_PLACEHOLDER if _PHONE_DIGITS.fullmatch(run.digits) else NIK_PLACEHOLDER,
        ]
        position = run.end
    return "".join(pieces) + text[position:]
