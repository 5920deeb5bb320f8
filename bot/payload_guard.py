"""What reaches Rasa as a payload: only what the bot issued, naming only programs it knows.

What a resident types is text, never a Rasa payload.

Rasa reads a message starting with "/" as `/intent{"entity": "value"}`: intent and entities
decided by the sender, with confidence 1.0, skipping NLU (and so any check NLU would make).
Only the bot issues payloads: its own commands (`bot.commands.COMMAND_PAYLOADS`) and the
buttons it sent (`bot.rendering.ButtonPayloads`). Rasa strips surrounding whitespace before it
looks for the "/" (`UserMessage`), so a leading space would not help: the slashes are removed.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from infobansos import protocol

PAYLOAD_PREFIX = protocol.PAYLOAD_PREFIX  # rasa.shared.constants.INTENT_MESSAGE_PREFIX
_LEADING = re.compile(r"^[\s/]+")


def as_typed_text(text: str) -> str:
    """The resident's text with no leading "/" (after any whitespace), so Rasa's NLU parses it."""
    stripped = text.strip()
    if not stripped.startswith(PAYLOAD_PREFIX):
        return text
    plain = _LEADING.sub("", stripped)
    return plain or text  # only slashes: no intent name to forge, and Rasa needs some text


def names_known_values(payload: str, programs: Collection[str]) -> bool:
    """True when every entity the payload sets is one Rasa's domain knows, with a known value.

    A button's payload was issued by the bot, but its program came from content or an earlier
    reply; a value Rasa's domain does not know must not be set as the `program` slot. The part
    (`bagian`, the "Selengkapnya" button) may only be one the content store renders."""
    try:
        entities = protocol.payload_entities(payload)
    except ValueError:
        return False
    program, part = entities.get(protocol.PROGRAM), entities.get(protocol.PART)
    return (
        set(entities) <= protocol.ENTITIES
        and (program is None or (isinstance(program, str) and program in programs))
        and (part is None or (isinstance(part, str) and part in protocol.PARTS))
    )
