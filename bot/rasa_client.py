"""Talks to Rasa's REST channel. Rasa's answers come back as plain data; rendering is elsewhere."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

from infobansos import protocol
from infobansos.content.store import Button as ReplyButton

logger = logging.getLogger(__name__)

REST_WEBHOOK_PATH = "/webhooks/rest/webhook"
LISTEN_EVENT = {"event": "action", "name": protocol.ACTION_LISTEN}
# Transport failures after which Rasa cannot have finished the message: nothing accepted the
# connection, or the connection died before an answer (the process was killed).
UNREACHABLE = (httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError)


class RasaUnavailable(RuntimeError):
    """Rasa (or the action server behind it) did not answer in time or answered nonsense."""


class RasaUnreachable(RasaUnavailable):
    """The message never got a whole answer because the connection failed: nothing listening, or the
    connection dropped (a killed process). Rasa saves a conversation only after answering, so
    another instance may take the message (`bot/rasa_pool.py`); a timeout is not this, since a slow
    instance may still be handling it."""


@dataclass(frozen=True)
class BotReply:
    text: str
    buttons: tuple[ReplyButton, ...] = field(default=())
    custom: dict[str, Any] = field(default_factory=dict)  # an action's note to the bot, never shown


def _parse_reply(item: Any) -> BotReply | None:
    if isinstance(item, dict) and isinstance(item.get("custom"), dict) and not item.get("text"):
        return BotReply("", custom=item["custom"])
    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
        return None
    buttons = tuple(
        ReplyButton(str(b["title"]), str(b["payload"]))
        for b in item.get("buttons") or []
        if isinstance(b, dict) and b.get("title") and b.get("payload")
    )
    return BotReply(item["text"], buttons)


class RasaClient:
    """A small async client for `POST /webhooks/rest/webhook` and a few calls of Rasa's HTTP API.

    The HTTP API (`rasa run --enable-api --auth-token`) answers 401 without `?token=`; the REST
    channel's webhook is not covered by the token in Rasa 3.6, so the token goes only to the API.
    """

    def __init__(self, base_url: str, timeout_seconds: float, auth_token: str, *, keep_alive: bool = True) -> None:
        # Several Rasa workers share one listening socket, and a worker that accepts a kept-alive
        # connection keeps all its requests: one busy worker, one idle. A new connection per message
        # lets whichever worker is free take it (a fraction of a millisecond on 127.0.0.1).
        limits = httpx.Limits() if keep_alive else httpx.Limits(max_keepalive_connections=0)
        self.base_url = base_url
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout_seconds, limits=limits)
        self._auth = {"token": auth_token}

    async def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[BotReply]:
        """Send one resident message; raises RasaUnavailable instead of leaking transport errors."""
        body: dict[str, Any] = {"sender": sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        try:
            response = await self._client.post(REST_WEBHOOK_PATH, json=body)
            response.raise_for_status()
            items = response.json()
        except UNREACHABLE as exc:  # before the general case: these are HTTPErrors too
            logger.warning("Rasa at %s could not be reached: %s", self.base_url, type(exc).__name__)
            raise RasaUnreachable(str(exc)) from exc
        except (httpx.HTTPError, ValueError) as exc:
            logger.warning("Rasa did not answer: %s", type(exc).__name__)
            raise RasaUnavailable(str(exc)) from exc
        if not isinstance(items, list):
            raise RasaUnavailable(f"unexpected answer from Rasa: {type(items).__name__}")
        return [reply for reply in map(_parse_reply, items) if reply is not None]

    async def execute(self, sender: str, action: str) -> list[BotReply]:
        """Run one action in a conversation (Rasa's execute API); used only for staff commands."""
        conversation = f"/conversations/{sender}"
        try:
            # The execute API needs an existing conversation; an "action_listen" starts one harmlessly.
            opened = await self._client.post(f"{conversation}/tracker/events", json=[LISTEN_EVENT], params=self._auth)
            opened.raise_for_status()
            response = await self._client.post(f"{conversation}/execute", json={"name": action}, params=self._auth)
            response.raise_for_status()
            items = response.json().get("messages")
        except (httpx.HTTPError, ValueError, AttributeError) as exc:
            logger.warning("Rasa did not run %s: %s", action, type(exc).__name__)
            raise RasaUnavailable(str(exc)) from exc
        return [reply for reply in map(_parse_reply, items or []) if reply is not None]

    async def is_ready(self, timeout_seconds: float | None = None) -> bool:
        """True when Rasa answers and has a model loaded (within `timeout_seconds`, if given)."""
        timeout = httpx.USE_CLIENT_DEFAULT if timeout_seconds is None else timeout_seconds
        try:
            response = await self._client.get("/status", params=self._auth, timeout=timeout)
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            return False

    async def aclose(self) -> None:
        await self._client.aclose()
