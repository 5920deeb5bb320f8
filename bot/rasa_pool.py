"""Several Rasa instances behind the bot: each conversation sticks to one, and moves when it dies.

Why sticky: every instance reads and writes the same tracker store, so any of them can continue a
conversation, but keeping a chat on one instance keeps its messages from racing between two
processes. The instance is chosen by rendezvous hashing of the pseudonymous sender id: each sender
ranks the instances in its own fixed order and takes the first one that is up. When an instance
stops answering, only its own chats move (each to its next choice), at once, for the message that
failed too; when its `/status` answers again, they come back. The bot sends a chat's next message
only after the previous one was answered (`bot/update_processor.py`), so a move never reorders a chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.rasa_client import BotReply, RasaClient, RasaUnreachable

logger = logging.getLogger(__name__)

PROBE_INTERVAL_SECONDS = 1.0  # how often a down instance is asked whether it is back
PROBE_TIMEOUT_SECONDS = 2.0


def preference(sender: str, urls: Sequence[str]) -> list[int]:
    """The instances' indexes in the order `sender` prefers them (rendezvous hashing).

    Adding or losing an instance moves only the chats whose first choice it is."""

    def score(index: int) -> bytes:
        return hashlib.blake2b(f"{urls[index]}\n{sender}".encode(), digest_size=8).digest()

    return sorted(range(len(urls)), key=score, reverse=True)


class RasaPool:
    """Sends each resident's messages to their instance of Rasa; the same calls as `RasaClient`."""

    def __init__(self, clients: Sequence[RasaClient], probe_interval: float = PROBE_INTERVAL_SECONDS) -> None:
        if not clients:
            raise ValueError("a Rasa pool needs at least one instance")
        self._clients = list(clients)
        self._urls = [client.base_url for client in self._clients]
        self._down: dict[int, asyncio.Task[None]] = {}  # instance index -> its probe
        self._probe_interval = probe_interval

    @property
    def urls(self) -> list[str]:
        return list(self._urls)

    def is_up(self, url: str) -> bool:
        return self._urls.index(url) not in self._down

    def _order(self, sender: str) -> list[int]:
        ranked = preference(sender, self._urls)
        # Instances known to be down are still tried last: all may be down, or one just came back.
        return [i for i in ranked if i not in self._down] + [i for i in ranked if i in self._down]

    async def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[BotReply]:
        """Send one message to `sender`'s instance, or on to the next if it cannot be reached."""
        return await self._first_reachable(sender, lambda client: client.send(sender, text, metadata))

    async def execute(self, sender: str, action: str) -> list[BotReply]:
        return await self._first_reachable(sender, lambda client: client.execute(sender, action))

    async def is_ready(self) -> bool:
        """True when at least one instance answers with a model loaded."""
        answers = await asyncio.gather(*(client.is_ready(PROBE_TIMEOUT_SECONDS) for client in self._clients))
        return any(answers)

    async def _first_reachable(
        self, sender: str, call: Callable[[RasaClient], Awaitable[list[BotReply]]]
    ) -> list[BotReply]:
        failure = RasaUnreachable("no Rasa instance")
        for index in self._order(sender):
            try:
                return await call(self._clients[index])
            except RasaUnreachable as exc:
                failure = exc
                self._mark_down(index)
        raise failure

    def _mark_down(self, index: int) -> None:
        if index in self._down or len(self._clients) == 1:
            return  # a single instance has nowhere to move its chats: just try it each time
        logger.warning("Rasa at %s is down; its conversations go to the other instances", self._urls[index])
        self._down[index] = asyncio.create_task(self._probe(index))

    async def _probe(self, index: int) -> None:
        """Ask the instance every `probe_interval` whether it is back; then its chats return."""
        while not await self._clients[index].is_ready(PROBE_TIMEOUT_SECONDS):
            await asyncio.sleep(self._probe_interval)
        logger.info("Rasa at %s is back; its conversations return to it", self._urls[index])
        del self._down[index]

    async def aclose(self) -> None:
        for probe in list(self._down.values()):
            probe.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await probe
        self._down.clear()
        for client in self._clients:
            await client.aclose()
