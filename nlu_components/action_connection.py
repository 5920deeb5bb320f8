"""One HTTP connection pool from Rasa to the action server, instead of a new one per action (Rasa 3.6).

`EndpointConfig.request` opens `async with self.session()`: a new aiohttp `ClientSession`, so a new
TCP connection, for every action Rasa runs, closed right after. Profiled under `make bench`
(docs/performance.md), setting up and tearing down that session and connection was about 6 % of
Rasa's time per message, and the action server accepted a connection per action. Here
`session()` lends one long-lived session per event loop (per Rasa worker process), with the same
headers, authentication and timeout; leaving the `async with` block no longer closes it. aiohttp
drops an idle connection after 15 s, well before the action server's keep-alive of 120 s, so a
reused connection is never one the server has just closed.

Imported from `nlu_components/__init__.py`, like `action_validation`.
"""

from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Any

import aiohttp
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

_sessions: dict[tuple[Any, ...], aiohttp.ClientSession] = {}


class BorrowedSession:
    """`async with` gives the shared session and leaves it open."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(
        self, _type: type[BaseException] | None, _error: BaseException | None, _traceback: TracebackType | None
    ) -> None:
        return None


def shared_session(endpoint: EndpointConfig) -> BorrowedSession:
    """What `EndpointConfig.session` returns, shared by endpoints with the same headers and login."""
    loop = asyncio.get_running_loop()
    login = (endpoint.basic_auth["username"], endpoint.basic_auth["password"]) if endpoint.basic_auth else None
    key = (id(loop), tuple(sorted(endpoint.headers.items())), login)
    session = _sessions.get(key)
    if session is None or session.closed or session.loop is not loop:
        session = aiohttp.ClientSession(
            headers=endpoint.headers,
            auth=aiohttp.BasicAuth(*login) if login else None,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        )
        _sessions[key] = session
    return BorrowedSession(session)


def install() -> None:
    EndpointConfig.session = shared_session  # type: ignore[method-assign,assignment]
