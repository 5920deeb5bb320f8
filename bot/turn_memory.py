"""What the bot keeps of its turns in memory: the action server's summary until a later 👎, and
each resident's last message for the rephrase and correction rules.

The action server sends its half of the turn inside the reply (`infobansos.question_log.summary`);
the bot takes it out before anything is shown, uses it at once (the rephrase rule) and keeps it
here for the "other topics" buttons after a 👎. The question log in the database is written by
the bot, never read back.

The memory is bounded and lives in the process: a turn that was forgotten (the bot restarted,
or thousands of rated turns came after it) still has its 👎 stored, but the resident gets the
plain thanks without suggestions, since there is nothing left to suggest from. Likewise, the first
message after a restart has no previous message to be a rephrase of.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from bot.rasa_client import BotReply
from infobansos import protocol
from infobansos.question_log.rules import EarlierTurn
from infobansos.question_log.summary import TurnSummary

# At 30 messages a second this is several minutes of the busiest traffic, hours of a normal
# day; an entry is a few hundred bytes, so the whole map stays within a few MB.
MAX_REMEMBERED_TURNS = 10_000


def take_summary(replies: list[BotReply]) -> tuple[TurnSummary | None, list[BotReply]]:
    """The turn's summary, and the replies without it (it must never reach the resident).

    Several actions may answer one message (the status check); each sends a summary of the same
    message, and the last one describes the answer the resident got, as in the database.
    """
    summary: TurnSummary | None = None
    kept: list[BotReply] = []
    for reply in replies:
        if protocol.TURN_SUMMARY not in reply.custom:
            kept.append(reply)
            continue
        summary = TurnSummary.from_json(reply.custom) or summary
        rest = {key: value for key, value in reply.custom.items() if key != protocol.TURN_SUMMARY}
        if reply.text or rest:
            kept.append(replace(reply, custom=rest))
    return summary, kept


K = TypeVar("K")
V = TypeVar("V")


class _Newest(Generic[K, V]):
    """A map that keeps only the `size` most recently stored keys (both memories below are one)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def get(self, key: K) -> V | None:
        return self._items.get(key)

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True)
class _Remembered:
    sender: str
    summary: TurnSummary


class TurnMemory:
    """Turn id → summary for the latest rated turns, least recently stored forgotten first."""

    def __init__(self, size: int = MAX_REMEMBERED_TURNS) -> None:
        self._turns: _Newest[str, _Remembered] = _Newest(size)

    def remember(self, turn_id: str, sender: str, summary: TurnSummary) -> None:
        self._turns.put(turn_id, _Remembered(sender, summary))

    def recall(self, turn_id: str, sender: str) -> TurnSummary | None:
        """The summary of the resident's own turn; None when forgotten or someone else's."""
        remembered = self._turns.get(turn_id)
        if remembered is None or remembered.sender != sender:
            return None
        return remembered.summary

    def __len__(self) -> int:
        return len(self._turns)


class LastTurns:
    """Each resident's last message (redacted) and NLU's reading of it, least recently active forgotten first.

    The rephrase rule compares a message with the one before; keeping that here rather than reading
    the question log back keeps the database write-only for the bot."""

    def __init__(self, size: int = MAX_REMEMBERED_TURNS) -> None:
        self._last: _Newest[str, EarlierTurn] = _Newest(size)

    def previous(self, sender: str) -> EarlierTurn | None:
        return self._last.get(sender)

    def remember(self, sender: str, turn: EarlierTurn) -> None:
        self._last.put(sender, turn)

    def __len__(self) -> int:
        return len(self._last)
