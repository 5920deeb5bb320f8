"""What the handlers need, built once in `bot.app`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.flood_control import FloodGuard
from bot.number_fragments import NumberFragments
from bot.rasa_pool import RasaPool
from bot.rendering import ButtonPayloads
from bot.turn_memory import LastTurns, TurnMemory
from infobansos.content.live import PublishedContent
from infobansos.content.store import ContentStore


@dataclass
class BotServices:
    """Shared by the handler classes; `content` is the newest published content (`live`)."""

    rasa: RasaPool
    live: PublishedContent
    content_dir: Path
    pseudonym_key: bytes
    identity_hash_key: bytes
    database_url: str
    rasa_tracker_db: Path
    payloads: ButtonPayloads
    flood: FloodGuard
    admin_ids: frozenset[int] = frozenset()
    var_dir: Path | None = None  # /hapusdata also deletes the reports and exports under it that quote the resident
    # The action server's summaries of rated turns, for the 👎 suggestions (never read from the database).
    turns: TurnMemory = field(default_factory=TurnMemory)
    # Each resident's last message, for the rephrase and correction rules (never read from the database).
    last_turns: LastTurns = field(default_factory=LastTurns)
    # The digits ending each chat's last message, for a NIK typed across two messages (memory only).
    fragments: NumberFragments = field(default_factory=NumberFragments)

    @property
    def content(self) -> ContentStore:
        """The content to answer from: a handler reads it once per reply, so one reply is one revision.

        `bot.app` refreshes `live` in a worker thread every 2 s, so this never waits for the database."""
        return self.live.current()
