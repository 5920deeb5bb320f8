"""A stand-in for `rasa run --enable-api --auth-token TOKEN`, for the bot's unit tests of the Rasa boundary."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

TOKEN = "t" * 40


class FakeRasa:
    """Like `rasa run --enable-api --auth-token TOKEN`: the HTTP API answers 401 without the token."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.answer: Any = []
        self.status = 200
        self.delay = 0.0

    async def events(self, request: web.Request) -> web.Response:
        if request.query.get("token") != TOKEN:
            return web.json_response({"reason": "NotAuthenticated"}, status=401)
        self.received.append({"path": request.path, "events": await request.json()})
        return web.json_response({}, status=200)

    async def execute(self, request: web.Request) -> web.Response:
        if request.query.get("token") != TOKEN:
            return web.json_response({"reason": "NotAuthenticated"}, status=401)
        self.received.append({"path": request.path, **await request.json()})
        return web.json_response({"tracker": {}, "messages": self.answer}, status=self.status)

    async def status_(self, request: web.Request) -> web.Response:
        if request.query.get("token") != TOKEN:
            return web.json_response({"reason": "NotAuthenticated"}, status=401)
        return web.json_response({"model_file": "bansos.tar.gz"})

    async def webhook(self, request: web.Request) -> web.Response:
        self.received.append(await request.json())
        await asyncio.sleep(self.delay)
        return web.json_response(self.answer, status=self.status)


@contextlib.asynccontextmanager
async def serve(fake: FakeRasa, port: int = 0) -> AsyncIterator[str]:
    """`fake` listening on 127.0.0.1 (`port`, or a free one) until the block ends; yields its URL."""
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", fake.webhook)
    app.router.add_post("/conversations/{sender}/execute", fake.execute)
    app.router.add_post("/conversations/{sender}/tracker/events", fake.events)
    app.router.add_get("/status", fake.status_)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, reuse_address=True)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
